package io.fdwgateway.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.support.Ports;
import io.fdwgateway.support.Processes;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway (target/quarkus-app) in production mode, behind a real Keycloak
 * (keycloak-quarkus-dist from Maven Central, unpacked by the build) and on a real Postgres
 * with the reference database. Roles come from Keycloak's realm_access.roles, with the
 * realm role "realm-admin" mapped to service_role, as an operator would configure it.
 */
class KeycloakEndToEndIT {

    /** Unpacked by the build (maven-dependency-plugin, pre-integration-test). */
    private static final Path KEYCLOAK_HOME = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"));
    private static final Path LOGS = Path.of("target/e2e-logs");
    private static final String REALM = "fdw";

    private static EmbeddedPostgres postgres;
    private static Process keycloak;
    private static Process gateway;
    private static String issuer;
    private static String gatewayUrl;

    @BeforeAll
    static void startEverything() throws Exception {
        Files.createDirectories(LOGS);
        postgres = DevEnvironment.throwawayPostgres().start();
        DevEnvironment.loadReferenceDatabase(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres", Path.of("sql"));

        int keycloakPort = Ports.free();
        issuer = "http://127.0.0.1:" + keycloakPort + "/realms/" + REALM;
        keycloak = startKeycloak(keycloakPort);
        awaitOk(issuer + "/.well-known/openid-configuration", Duration.ofMinutes(8), keycloak, "keycloak");

        int gatewayPort = Ports.free();
        int managementPort = Ports.free();
        gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        gateway = new ProcessBuilder(List.of(Processes.java(),
                "-Dquarkus.http.port=" + gatewayPort,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:" + postgres.getPort() + "/fdw_gateway",
                "-Dquarkus.datasource.username=authenticator",
                "-Dquarkus.oidc.auth-server-url=" + issuer,
                "-Dquarkus.oidc.token.audience=fdw-gateway",
                "-Dgateway.role.claim=realm_access.roles",
                "-Dgateway.role.allowed=anon,authenticated,service_role",
                "-Dgateway.role.mapping.realm-admin=service_role",
                "-jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true).redirectOutput(LOGS.resolve("gateway.log").toFile()).start();
        awaitOk("http://127.0.0.1:" + managementPort + "/q/health/ready", Duration.ofMinutes(2), gateway, "gateway");
    }

    @AfterAll
    static void stopEverything() throws IOException {
        for (Process p : new Process[] {gateway, keycloak}) {
            if (p != null) {
                p.destroy();
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Process startKeycloak(int port) throws IOException {
        Path javaHome = keycloakJavaHome();
        if (!Files.isDirectory(KEYCLOAK_HOME)) {
            throw new IllegalStateException(KEYCLOAK_HOME + " is missing: the build unpacks it before integration tests");
        }
        Path imports = Files.createDirectories(KEYCLOAK_HOME.resolve("data/import"));
        Files.copy(Path.of("src/test/resources/keycloak/fdw-realm.json"), imports.resolve("fdw-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", KEYCLOAK_HOME.resolve("bin/kc.sh").toString(),
                "start-dev", "--import-realm", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + Ports.free()))
                .redirectErrorStream(true).redirectOutput(LOGS.resolve("keycloak.log").toFile());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        return pb.start();
    }

    private static String token(String user, String password) {
        return given().formParam("grant_type", "password").formParam("client_id", "fdw-cli")
                .formParam("username", user).formParam("password", password)
                .post(issuer + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification as(String token) {
        RequestSpecification spec = given().baseUri(gatewayUrl);
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    @Test
    void userTokenFromKeycloakGetsTheDefaultRoleAndItsClaimsReachSql() {
        String token = token("alice", "alice-password");
        String sub = JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8)).getString("sub");
        as(token).get("/rpc/whoami").then().statusCode(200)
                .body("role", equalTo("authenticated"))
                .body("sub", equalTo(sub))
                .body("claims.preferred_username", equalTo("alice"));
        as(token).queryParam("name_prefix", "Basic").get("/rpc/get_stripe_products").then().statusCode(200)
                .body("size()", equalTo(2));
        as(token).get("/rpc/admin_stats").then().statusCode(403).body("code", equalTo("42501"));
    }

    @Test
    void realmRoleIsMappedToServiceRole() {
        String token = token("root-admin", "admin-password");
        as(token).get("/rpc/whoami").then().statusCode(200).body("role", equalTo("service_role"));
        as(token).get("/rpc/admin_stats").then().statusCode(200).body("events", greaterThan(-1));
    }

    @Test
    void noTokenIsRefusedInProductionDefaults() {
        as(null).get("/rpc/list_plans").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    /**
     * Keycloak 26 runs on Java 21+: the JDK named by JDK21_HOME, else the one running the tests
     * when it is recent enough. The build checks this before the first test (maven-enforcer-plugin).
     */
    private static Path keycloakJavaHome() {
        String named = System.getenv("JDK21_HOME");
        if (named != null && !named.isBlank()) {
            Path home = Path.of(named);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException("JDK21_HOME=" + named + " is not a JDK: it has no bin/java");
            }
            return home;
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        throw new IllegalStateException("Keycloak needs a JDK 21 or later: install one and set JDK21_HOME to its"
                + " folder, or skip the integration tests with -DskipITs");
    }

    private static void awaitOk(String url, Duration timeout, Process process, String what) {
        await(what + " answering 200 at " + url + "; see " + LOGS).atMost(timeout).pollInterval(Duration.ofSeconds(1))
                .failFast(what + " exited; see " + LOGS, () -> !process.isAlive())
                .until(() -> status(url) == 200);
    }

    private static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            return c.getResponseCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }
}
