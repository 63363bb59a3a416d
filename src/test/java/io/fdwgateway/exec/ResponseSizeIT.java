package io.fdwgateway.exec;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.dev.LocalIssuer;
import io.fdwgateway.support.Tokens;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway, run with the JVM flags the README documents for production (a 128 MB
 * heap, {@code -XX:+ExitOnOutOfMemoryError}): one authenticated request of under 1 MB asks
 * join_words for a result of about 300 MB. The gateway refuses it with 502
 * GW502-response-too-large without the bytes ever reaching its heap, and keeps serving:
 * the next call, and a 10 MB result, still answer.
 */
class ResponseSizeIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    /** As in README.md, "Performance", and bench/run.sh. */
    private static final List<String> PRODUCTION_JVM_FLAGS = List.of("-Xms64m", "-Xmx128m", "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=96m", "-Xss512k",
            "-XX:TrimNativeHeapInterval=5000", "-XX:+ExitOnOutOfMemoryError");
    private static final String SEPARATOR = "x".repeat(1000);

    private static Process gateway;
    private static Path log;
    private static String base;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startPackagedGateway() throws Exception {
        String admin = Optional.ofNullable(System.getenv("GATEWAY_DEV_ADMIN_JDBC_URL")).orElse("");
        DevEnvironment.ensureStarted(new DevEnvironment.Settings(admin, 0, 0, Path.of("sql")));
        token = Tokens.forSubject("alice");
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        log = Path.of("target", "response-size-it.log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(PRODUCTION_JVM_FLAGS);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort()),
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + System.getProperty(DevEnvironment.DB_HOST_PROPERTY)
                        + ":" + System.getProperty(DevEnvironment.DB_PORT_PROPERTY) + "/fdw_gateway",
                "QUARKUS_DATASOURCE_USERNAME", "authenticator",
                "QUARKUS_OIDC_AUTH_SERVER_URL", Tokens.issuer(),
                "QUARKUS_OIDC_TOKEN_AUDIENCE", LocalIssuer.AUDIENCE,
                "GATEWAY_ROLE_ALLOWED", "anon,authenticated,service_role",
                // building 300 MB in Postgres takes seconds on a busy machine: this test is about size, not time
                "GATEWAY_STATEMENT_TIMEOUT", "120s"));
        gateway = builder.start();

        await("the gateway ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .failFast(() -> assertTrue(gateway.isAlive(), () -> "the gateway exited during start-up:\n" + logText()))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> call("GET", "/rpc/add?a=1", null).statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    @Test
    void aResultOfThreeHundredMegabytesIsRefusedAndTheGatewayKeepsServing() throws Exception {
        int words = 300_001;
        String body = joinWords(words);
        assertTrue(body.length() < 1_000_000, "the attack is a request under the 1 MB body limit");

        HttpResponse<String> refused = call("POST", "/rpc/join_words", body);

        assertEquals(502, refused.statusCode(), refused::body);
        assertEquals("GW502-response-too-large", new JsonObject(refused.body()).getString("code"));
        assertTrue(gateway.isAlive(), () -> "the gateway died:\n" + logText());

        assertEquals(200, call("GET", "/rpc/add?a=1&b=2", null).statusCode());
        HttpResponse<String> tenMegabytes = call("POST", "/rpc/join_words", joinWords(10_001));
        assertEquals(200, tenMegabytes.statusCode());
        assertEquals(2 + 10_000 * SEPARATOR.length(), tenMegabytes.body().length());

        assertTrue(gateway.isAlive(), () -> "the gateway died:\n" + logText());
        assertThat(logText(), not(containsString("OutOfMemoryError")));
        assertThat(logText(), containsString("over gateway.max-response-bytes"));
    }

    private static String joinWords(int words) {
        StringBuilder sb = new StringBuilder(words * 3 + 1100).append("{\"separator\":\"").append(SEPARATOR)
                .append("\",\"words\":[");
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "\"\"" : ",\"\"");
        }
        return sb.append("]}").toString();
    }

    private static HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(180))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
