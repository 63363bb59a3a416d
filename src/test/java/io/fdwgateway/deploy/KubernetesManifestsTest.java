package io.fdwgateway.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: the invariants a platform team relies on (probes on the management port,
 * a locked-down securityContext, graceful shutdown that fits the grace period, the management
 * port reachable only from monitoring, egress only where the gateway goes), checked against the
 * application's own configuration so that a change of port, path or shutdown timeout that the
 * manifests do not follow fails here.
 */
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("deploy/kubernetes/base");
    private static final Path REDIS = Path.of("deploy/kubernetes/overlays/redis");
    private static final Path MONITORING = Path.of("deploy/kubernetes/monitoring");

    private final AppSettings app = AppSettings.load();
    private final Manifests base = Manifests.of(BASE);

    private JsonNode container() {
        JsonNode containers = base.one("Deployment").at("/spec/template/spec/containers");
        assertEquals(1, containers.size(), "one container");
        return containers.get(0);
    }

    /** A probe's or Service's port: a number, or the name of a container port. */
    private int portNumber(JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container().path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    @Test
    void containerPortsAreTheApplicationsPorts() {
        Set<Integer> ports = new TreeSet<>();
        container().path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        assertThat(ports, containsInAnyOrder(app.httpPort(), app.managementPort()));
    }

    @Test
    void probesUseTheManagementPortAndHealthPaths() {
        JsonNode c = container();
        Map<String, String> expected = Map.of("livenessProbe", "live", "readinessProbe", "ready",
                "startupProbe", "started");
        expected.forEach((probe, kind) -> {
            JsonNode get = c.path(probe).path("httpGet");
            assertFalse(get.isMissingNode(), probe + " is an httpGet probe");
            assertEquals(app.healthPath(kind), get.path("path").asText(), probe + " path");
            assertEquals(app.managementPort(), portNumber(get.path("port")), probe + " port");
        });
        assertThat("the startup probe allows a slow start before liveness applies",
                c.at("/startupProbe/periodSeconds").asInt(10) * c.at("/startupProbe/failureThreshold").asInt(3),
                greaterThan(30));
    }

    @Test
    void securityContextIsLockedDown() {
        JsonNode pod = base.one("Deployment").at("/spec/template/spec/securityContext");
        JsonNode c = container().path("securityContext");
        assertTrue(pod.path("runAsNonRoot").asBoolean() || c.path("runAsNonRoot").asBoolean(), "runAsNonRoot");
        assertEquals("RuntimeDefault", pod.at("/seccompProfile/type").asText(c.at("/seccompProfile/type").asText()));
        assertTrue(c.path("readOnlyRootFilesystem").asBoolean(), "readOnlyRootFilesystem");
        assertFalse(c.path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation false");
        assertThat(strings(c.at("/capabilities/drop")), hasItem("ALL"));
        assertThat(strings(c.at("/capabilities/add")), empty());
        assertEquals(1001, pod.path("runAsUser").asInt(c.path("runAsUser").asInt()), "the image's user");
    }

    @Test
    void theImageMatchesTheManifests() throws IOException {
        String dockerfile = Files.readString(Path.of("deploy/docker/Dockerfile.jvm"));
        assertTrue(dockerfile.lines().anyMatch(l -> l.strip().equals("USER 1001")), "Dockerfile.jvm runs as 1001");
        String expose = dockerfile.lines().filter(l -> l.startsWith("EXPOSE")).findFirst().orElse("");
        assertThat(List.of(expose.substring("EXPOSE".length()).strip().split("\\s+")),
                containsInAnyOrder(Integer.toString(app.httpPort()), Integer.toString(app.managementPort())));
        String workdir = dockerfile.lines().filter(l -> l.startsWith("WORKDIR")).findFirst().orElseThrow()
                .substring("WORKDIR".length()).strip();
        assertThat("the ConfigMap lands where Quarkus reads config/application.properties",
                mounts().keySet(), hasItem(workdir + "/config"));
    }

    @Test
    void onlyTmpIsWritableAndItIsAnEmptyDir() {
        Map<String, JsonNode> volumes = new HashMap<>();
        base.one("Deployment").at("/spec/template/spec/volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        Map<String, JsonNode> mounts = mounts();
        assertTrue(mounts.containsKey("/tmp"), "/tmp is mounted");
        assertTrue(volumes.get(mounts.get("/tmp").path("name").asText()).has("emptyDir"), "/tmp is an emptyDir");
        mounts.forEach((path, mount) -> {
            if (!path.equals("/tmp")) {
                assertTrue(mount.path("readOnly").asBoolean(), path + " is mounted read-only");
            }
        });
    }

    @Test
    void resourcesHaveRequestsAndLimits() {
        JsonNode resources = container().path("resources");
        for (String side : List.of("requests", "limits")) {
            for (String what : List.of("cpu", "memory")) {
                assertFalse(resources.path(side).path(what).asText().isEmpty(), side + "." + what);
            }
        }
    }

    @Test
    void gracefulShutdownFitsTheGracePeriod() {
        JsonNode spec = base.one("Deployment").at("/spec/template/spec");
        JsonNode preStop = container().at("/lifecycle/preStop");
        long pause = preStop.has("sleep") ? preStop.at("/sleep/seconds").asLong()
                : sleepSeconds(preStop.at("/exec/command"));
        assertThat("a preStop pause lets endpoints drop the pod before SIGTERM", pause, greaterThan(0L));
        long shutdown = app.shutdownTimeout().map(d -> (long) Math.ceil(d.toMillis() / 1000.0)).orElse(0L);
        long grace = spec.path("terminationGracePeriodSeconds").asLong(30);
        assertThat("terminationGracePeriodSeconds exceeds the preStop pause (" + pause
                + " s) plus quarkus.shutdown.timeout (" + shutdown + " s)", grace, greaterThan(pause + shutdown));
    }

    @Test
    void servicesKeepTheManagementPortOffThePublicService() {
        List<Integer> publicPorts = new ArrayList<>();
        List<Integer> managementPorts = new ArrayList<>();
        for (JsonNode service : base.ofKind("Service")) {
            boolean management = service.at("/metadata/labels/app.kubernetes.io~1component").asText().equals("management");
            for (JsonNode port : service.at("/spec/ports")) {
                int target = portNumber(port.path("targetPort").isMissingNode() ? port.path("port") : port.path("targetPort"));
                (management ? managementPorts : publicPorts).add(target);
            }
            assertEquals(selector(base.one("Deployment").at("/spec/selector/matchLabels")),
                    selector(service.at("/spec/selector")), "the Service selects the gateway's pods");
        }
        assertEquals(List.of(app.httpPort()), publicPorts);
        assertEquals(List.of(app.managementPort()), managementPorts);
    }

    @Test
    void autoscalerAndDisruptionBudgetTargetTheDeployment() {
        JsonNode deployment = base.one("Deployment");
        JsonNode hpa = base.one("HorizontalPodAutoscaler");
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals(deployment.at("/metadata/name").asText(), hpa.at("/spec/scaleTargetRef/name").asText());
        assertThat(StreamSupport.stream(hpa.at("/spec/metrics").spliterator(), false)
                .map(m -> m.at("/resource/name").asText()).toList(), hasItem("cpu"));
        assertThat(hpa.at("/spec/minReplicas").asInt(), greaterThan(1));
        JsonNode pdb = base.one("PodDisruptionBudget");
        assertEquals(selector(deployment.at("/spec/selector/matchLabels")), selector(pdb.at("/spec/selector/matchLabels")));
    }

    @Test
    void networkPolicyAdmitsTheManagementPortFromMonitoringOnly() {
        JsonNode policy = base.one("NetworkPolicy");
        assertEquals(selector(base.one("Deployment").at("/spec/template/metadata/labels")),
                selector(policy.at("/spec/podSelector/matchLabels")));
        assertThat(strings(policy.at("/spec/policyTypes")), hasItems("Ingress", "Egress"));
        boolean publicFromAnywhere = false;
        for (JsonNode rule : policy.at("/spec/ingress")) {
            List<Integer> ports = ports(rule);
            assertFalse(ports.isEmpty(), "every ingress rule names its ports: " + rule);
            if (ports.contains(app.managementPort())) {
                assertTrue(rule.has("from"), "the management port is not open to everyone");
                for (JsonNode from : rule.path("from")) {
                    assertEquals("monitoring", from.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText(),
                            "the management port admits the monitoring namespace only: " + from);
                }
            }
            if (ports.contains(app.httpPort()) && !rule.has("from")) {
                publicFromAnywhere = true;
            }
        }
        assertTrue(publicFromAnywhere, "the public port is open to clients");
    }

    @Test
    void networkPolicyEgressGoesToDnsPostgresIssuerAndRedisOnly() {
        Set<Integer> egress = new TreeSet<>();
        for (JsonNode rule : base.one("NetworkPolicy").at("/spec/egress")) {
            List<Integer> ports = ports(rule);
            assertFalse(ports.isEmpty(), "every egress rule names its ports: " + rule);
            assertTrue(rule.has("to"), "every egress rule names its destination: " + rule);
            egress.addAll(ports);
        }
        // DNS, Postgres, Redis, and the identity provider (HTTPS, or a Keycloak in the cluster)
        assertThat(egress, hasItems(53, 5432, 6379, 443));
        assertThat(new TreeSet<>(egress), containsInAnyOrder(53, 443, 5432, 6379, 8080, 8443));
    }

    @Test
    void configMapHoldsTheGatewaySettingsAndTheSecretThePassword() throws IOException {
        String volume = mounts().get("/deployments/config").path("name").asText();
        JsonNode configVolume = StreamSupport.stream(
                base.one("Deployment").at("/spec/template/spec/volumes").spliterator(), false)
                .filter(v -> v.path("name").asText().equals(volume)).findFirst().orElseThrow();
        String mapName = configVolume.at("/configMap/name").asText();
        JsonNode map = base.configMap(mapName.replaceAll("-[a-z0-9]{10}$", ""))
                .orElseThrow(() -> new AssertionError("no ConfigMap " + mapName));
        assertEquals(map.at("/metadata/name").asText(), mapName, "the mounted ConfigMap is the generated one");
        Properties config = Manifests.properties(map.at("/data/application.properties").asText());
        for (String key : List.of("quarkus.datasource.reactive.url", "quarkus.datasource.username",
                "quarkus.oidc.auth-server-url", "quarkus.oidc.token.audience", "gateway.role.allowed")) {
            assertFalse(config.getProperty(key, "").isBlank(), "the ConfigMap sets " + key);
        }
        assertFalse(config.containsKey("quarkus.datasource.password"), "no password in the ConfigMap");

        JsonNode secretRef = StreamSupport.stream(container().path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals("QUARKUS_DATASOURCE_PASSWORD")).findFirst()
                .orElseThrow(() -> new AssertionError("QUARKUS_DATASOURCE_PASSWORD from a Secret"))
                .at("/valueFrom/secretKeyRef");
        JsonNode example = Manifests.documents(Files.readString(BASE.resolve("secret.example.yaml"))).get(0);
        assertEquals("Secret", example.path("kind").asText());
        assertEquals(example.at("/metadata/name").asText(), secretRef.path("name").asText());
        assertTrue(example.path("stringData").has(secretRef.path("key").asText()), "the example has the key read");
    }

    @Test
    void redisOverlaySharesLimitsAndIdempotencyRecords() {
        Manifests redis = Manifests.of(REDIS);
        Map<String, String> env = new HashMap<>();
        if (redis.rendered()) {
            JsonNode c = redis.one("Deployment").at("/spec/template/spec/containers/0");
            c.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            for (JsonNode from : c.path("envFrom")) {
                JsonNode map = redis.configMap(from.at("/configMapRef/name").asText())
                        .orElseThrow(() -> new AssertionError("no ConfigMap " + from));
                map.path("data").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
            }
            assertEquals(container().path("securityContext"), c.path("securityContext"), "the overlay keeps the base");
        } else {
            redis.configMap("fdw-gateway-redis").orElseThrow().path("data").fields()
                    .forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        }
        assertEquals("redis", env.get("GATEWAY_RATE_LIMIT_STORE"));
        assertEquals("redis", env.get("GATEWAY_IDEMPOTENCY_STORE"));
        assertTrue(env.getOrDefault("QUARKUS_REDIS_HOSTS", "").startsWith("redis://"), "QUARKUS_REDIS_HOSTS");
    }

    @Test
    void serviceMonitorScrapesTheManagementService() {
        JsonNode monitor = Manifests.of(MONITORING).one("ServiceMonitor");
        JsonNode service = base.ofKind("Service").stream()
                .filter(s -> s.at("/spec/ports").findValuesAsText("port").contains(Integer.toString(app.managementPort())))
                .findFirst().orElseThrow(() -> new AssertionError("no Service for the management port"));
        Map<String, String> labels = selector(service.at("/metadata/labels"));
        selector(monitor.at("/spec/selector/matchLabels")).forEach((k, v) ->
                assertEquals(v, labels.get(k), "the ServiceMonitor selects the management Service by " + k));
        JsonNode endpoint = monitor.at("/spec/endpoints/0");
        assertThat(service.at("/spec/ports").findValuesAsText("name"), hasItem(endpoint.path("port").asText()));
        assertEquals(app.metricsPath(), endpoint.path("path").asText());
    }

    private Map<String, JsonNode> mounts() {
        Map<String, JsonNode> mounts = new HashMap<>();
        container().path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m));
        return mounts;
    }

    private static List<Integer> ports(JsonNode rule) {
        List<Integer> ports = new ArrayList<>();
        rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
        return ports;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, String> selector(JsonNode labels) {
        Map<String, String> map = new HashMap<>();
        labels.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
        assertFalse(map.isEmpty(), "a selector with labels");
        return map;
    }

    private static long sleepSeconds(JsonNode command) {
        List<String> words = strings(command);
        return words.size() == 2 && words.get(0).endsWith("sleep") ? Long.parseLong(words.get(1)) : 0;
    }
}
