package io.fdwgateway.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml, the local trial: its structure (every file it mounts or builds
 * from exists, the gateway runs as the image's user on a read-only root), and that its parts
 * fit together (the gateway's settings name the services, the realm and the audience the realm
 * issues, and Postgres loads every file of sql/).
 */
class ComposeFileTest {

    private static final Path DIR = Path.of("deploy/compose");

    private final JsonNode compose = Manifests.documents(read(DIR.resolve("compose.yaml"))).get(0);
    private final AppSettings app = AppSettings.load();

    private JsonNode service(String name) {
        JsonNode service = compose.at("/services/" + name);
        assertTrue(service.isObject(), "service " + name);
        return service;
    }

    @Test
    void hasTheGatewayPostgresKeycloakAndRedis() {
        List<String> names = new ArrayList<>();
        compose.path("services").fieldNames().forEachRemaining(names::add);
        assertThat(names, containsInAnyOrder("gateway", "postgres", "keycloak", "redis"));
    }

    @Test
    void gatewayIsBuiltFromTheJvmImageAndRunsLockedDown() {
        JsonNode gateway = service("gateway");
        Path context = DIR.resolve(gateway.at("/build/context").asText()).normalize();
        assertTrue(Files.isRegularFile(context.resolve(gateway.at("/build/dockerfile").asText())), "the Dockerfile exists");
        assertEquals(Path.of("").toAbsolutePath(), context.toAbsolutePath(), "the build context is the repository");
        assertEquals("1001", gateway.path("user").asText());
        assertTrue(gateway.path("read_only").asBoolean(), "read-only root filesystem");
        assertThat(strings(gateway.path("tmpfs")), hasItem("/tmp"));
        List<String> published = strings(gateway.path("ports")).stream().map(p -> p.substring(p.lastIndexOf(':') + 1)).toList();
        assertThat(published, hasItems(Integer.toString(app.httpPort()), Integer.toString(app.managementPort())));
        for (String dependency : List.of("postgres", "keycloak", "redis")) {
            assertTrue(gateway.path("depends_on").has(dependency), "the gateway waits for " + dependency);
        }
    }

    @Test
    void everyMountedFileExists() {
        compose.path("services").forEach(service -> {
            for (String volume : strings(service.path("volumes"))) {
                String source = volume.split(":")[0];
                assertTrue(Files.exists(DIR.resolve(source)), "mounted " + source);
            }
        });
    }

    @Test
    void gatewaySettingsNameTheServicesTheRealmAndItsAudience() throws IOException {
        Properties settings = Manifests.properties(read(DIR.resolve("gateway.properties")));
        assertThat(settings.getProperty("quarkus.datasource.reactive.url"), containsString("//postgres:5432/fdw_gateway"));
        assertEquals("authenticator", settings.getProperty("quarkus.datasource.username"));
        assertThat(settings.getProperty("quarkus.redis.hosts"), containsString("//redis:6379"));
        assertEquals("redis", settings.getProperty("gateway.rate-limit.store"));
        assertEquals("redis", settings.getProperty("gateway.idempotency.store"));

        JsonNode realm = Manifests.YAML.readTree(DIR.resolve(realmFile()).toFile());
        URI issuer = URI.create(settings.getProperty("quarkus.oidc.auth-server-url"));
        assertEquals("keycloak", issuer.getHost());
        assertEquals("/realms/" + realm.path("realm").asText(), issuer.getPath());
        assertThat("the realm issues tokens for the gateway's audience",
                realm.findValuesAsText("included.custom.audience"), hasItem(settings.getProperty("quarkus.oidc.token.audience")));
        assertEquals("realm_access.roles", settings.getProperty("gateway.role.claim"));
        List<String> realmRoles = realm.at("/roles/realm").findValuesAsText("name");
        String mapped = settings.getProperty("gateway.role.mapping.\"realm-admin\"");
        assertTrue(realmRoles.contains("realm-admin"), "the mapped role is a realm role");
        assertThat(List.of(settings.getProperty("gateway.role.allowed").split(",")),
                hasItems(mapped, settings.getProperty("gateway.role.anonymous"), "authenticated"));

        String keycloakPort = strings(service("keycloak").path("ports")).get(0).split(":")[0];
        assertThat("Keycloak names itself as the host reaches it",
                service("keycloak").at("/environment/KC_HOSTNAME").asText(), containsString("localhost:" + keycloakPort));
    }

    @Test
    void postgresLoadsEveryReferenceFileAndTheGatewaysPassword() throws IOException {
        JsonNode postgres = service("postgres");
        String script = read(DIR.resolve("postgres/load-reference.sh"));
        try (Stream<Path> files = Files.list(Path.of("sql"))) {
            for (Path sql : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                assertThat(script, containsString("/reference/" + sql.getFileName()));
            }
        }
        assertThat(strings(postgres.path("volumes")), hasItem("../../sql:/reference:ro"));
        assertEquals(service("gateway").at("/environment/QUARKUS_DATASOURCE_PASSWORD").asText(),
                postgres.at("/environment/AUTHENTICATOR_PASSWORD").asText(), "the login role's password is the gateway's");
        assertTrue(Files.isExecutable(DIR.resolve("postgres/load-reference.sh")), "the init script is executable");
    }

    @Test
    void keycloakIsTheVersionTheEndToEndTestRuns() {
        String pom = read(Path.of("pom.xml"));
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("<keycloak.version>([^<]+)</keycloak.version>").matcher(pom);
        assertTrue(version.find(), "pom.xml names keycloak.version");
        assertEquals("quay.io/keycloak/keycloak:" + version.group(1), service("keycloak").path("image").asText());
    }

    private String realmFile() {
        return strings(service("keycloak").path("volumes")).stream().filter(v -> v.contains("realm"))
                .findFirst().orElseThrow().split(":")[0];
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
