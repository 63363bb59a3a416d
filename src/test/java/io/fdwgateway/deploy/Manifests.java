package io.fdwgateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fdwgateway.support.Processes;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The Kubernetes objects of a kustomization under deploy/kubernetes: rendered by
 * {@code kubectl kustomize} when kubectl is on the PATH, else every YAML document of the folder
 * as written (plus a ConfigMap for each configMapGenerator), which is what the base amounts to
 * without kustomize's name suffixes and patches.
 */
record Manifests(List<JsonNode> objects, boolean rendered) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** -Ddeploy.without-kubectl=true checks the fallback on a machine that has kubectl. */
    static boolean kubectlOnPath() {
        if (Boolean.getBoolean("deploy.without-kubectl")) {
            return false;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl")));
    }

    static Manifests of(Path kustomization) {
        if (kubectlOnPath()) {
            Processes.Result run = Processes.run(List.of("kubectl", "kustomize", kustomization.toString()),
                    Path.of("."), Map.of(), Duration.ofMinutes(2));
            if (run.exitCode() != 0) {
                throw new AssertionError("kubectl kustomize failed: " + run);
            }
            return new Manifests(documents(run.stdout()), true);
        }
        return new Manifests(asWritten(kustomization), false);
    }

    /** Every object of every YAML file in the folder but kustomization.yaml and examples. */
    private static List<JsonNode> asWritten(Path folder) {
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml") && !name.equals("kustomization.yaml") && !name.contains("example")) {
                    objects.addAll(documents(Files.readString(file)));
                }
            }
            JsonNode kustomization = YAML.readTree(folder.resolve("kustomization.yaml").toFile());
            for (JsonNode generator : kustomization.path("configMapGenerator")) {
                ObjectNode map = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
                map.putObject("metadata").put("name", generator.path("name").asText());
                ObjectNode data = map.putObject("data");
                for (JsonNode file : generator.path("files")) {
                    data.put(file.asText(), Files.readString(folder.resolve(file.asText())));
                }
                for (JsonNode env : generator.path("envs")) {
                    Properties pairs = properties(Files.readString(folder.resolve(env.asText())));
                    pairs.stringPropertyNames().forEach(k -> data.put(k, pairs.getProperty(k)));
                }
                objects.add(map);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    static List<JsonNode> documents(String yaml) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
                while (values.hasNext()) {
                    JsonNode doc = values.next();
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        docs.add(doc);
                    }
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    JsonNode one(String kind) {
        List<JsonNode> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The ConfigMap whose name is {@code name}, or starts with it and kustomize's hash suffix. */
    Optional<JsonNode> configMap(String name) {
        return ofKind("ConfigMap").stream()
                .filter(m -> m.at("/metadata/name").asText().equals(name)
                        || m.at("/metadata/name").asText().matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]{10}"))
                .findFirst();
    }
}
