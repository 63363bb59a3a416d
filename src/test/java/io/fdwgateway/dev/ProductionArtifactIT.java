package io.fdwgateway.dev;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fdwgateway.support.Ports;
import io.fdwgateway.support.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The production artifact (target/quarkus-app) holds none of the embedded default: with the
 * dev profile and every {@code gateway.dev.*} key set it starts no issuer and no Postgres,
 * and fails for want of the database it was not given.
 */
class ProductionArtifactIT {

    private static final Path APP = Path.of("target/quarkus-app");

    @Test
    void artifactContainsNoDevCode() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(APP)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    for (ZipEntry entry : Collections.list(zip.entries())) {
                        String name = entry.getName();
                        if (name.startsWith("io/fdwgateway/dev/") || name.contains("LocalIssuer")) {
                            found.add(jar + "!" + name);
                        } else if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
                            String services = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                            if (services.contains("io.fdwgateway.dev.")) {
                                found.add(jar + "!" + name + " names " + services.strip());
                            }
                        }
                    }
                }
            }
        }
        assertThat(found, empty());
    }

    /** With an admin URL the embedded default would load an existing server; without, start its own. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void devProfileAndDevKeysStartNothing(boolean adminUrl) {
        int databasePort = Ports.free();
        int issuerPort = Ports.free();
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_PROFILE", "dev",
                "GATEWAY_DEV_EMBEDDED", "true",
                "GATEWAY_DEV_DATABASE_PORT", Integer.toString(databasePort),
                "GATEWAY_DEV_ISSUER_PORT", Integer.toString(issuerPort),
                "GATEWAY_DEV_SQL_DIR", Path.of("sql").toAbsolutePath().toString(),
                // the issuer the embedded default would start: if it ran, OIDC would find it
                "QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + issuerPort + "/realms/dev",
                "QUARKUS_OIDC_TOKEN_AUDIENCE", "fdw-gateway",
                "QUARKUS_HTTP_PORT", Integer.toString(Ports.free()),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(Ports.free())));
        if (adminUrl) {
            // nothing listens there: loading it would fail loudly instead of dropping real databases
            env.put("GATEWAY_DEV_ADMIN_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/postgres?user=postgres");
        }
        Processes.Running gateway = Processes.start(
                List.of(Processes.java(), "-jar", APP.resolve("quarkus-run.jar").toString()), Path.of("."), env);
        Set<String> children = ConcurrentHashMap.newKeySet();
        Set<Integer> listening = ConcurrentHashMap.newKeySet();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
                gateway.process().descendants().forEach(p -> children.add(p.info().command().orElse("?")));
                for (int port : new int[] {databasePort, issuerPort}) {
                    if (Ports.accepting(port)) {
                        listening.add(port);
                    }
                }
                return !gateway.process().isAlive();
            });
        } finally {
            if (gateway.process().isAlive()) {
                gateway.kill();
            }
        }
        Processes.Result run = gateway.await(Duration.ofSeconds(5));

        assertNotEquals(0, run.exitCode(), run::toString);
        assertThat(run.toString(), run.output(), containsString("quarkus.datasource.reactive.url"));
        assertThat(run.toString(), run.output(), not(containsString("embedded default")));
        assertThat(run.toString(), run.output(), not(containsString("local OIDC issuer")));
        assertThat("processes started by the gateway: " + children, children.stream()
                .filter(c -> c.contains("postgres") || c.contains("pg_ctl")).toList(), empty());
        assertFalse(listening.contains(issuerPort), "something served the dev issuer port");
        assertFalse(listening.contains(databasePort), "something served the dev database port");
    }
}
