package io.fdwgateway.admit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.dev.Jdbc;
import io.fdwgateway.support.Database;
import io.fdwgateway.support.RedisServer;
import io.fdwgateway.support.TestIssuer;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged gateway, two JVMs, on one Postgres and one Redis: a caller's rate
 * limit is one limit across them, an idempotency key runs once whichever replica a retry reaches,
 * and the key of a replica killed mid-call is free again once its marker expires.
 */
class SharedStateIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path LOGS = Path.of("target/shared-state-it");
    private static final String PREFIX = RedisServer.uniquePrefix("replicas");
    private static final int PER_CALLER = 20;
    private static final Duration IN_FLIGHT_TTL = Duration.ofSeconds(3);

    private static EmbeddedPostgres postgres;
    private static TestIssuer issuer;
    private static String adminUrl;
    private static final List<Process> replicas = new ArrayList<>();
    private static final List<String> urls = new ArrayList<>();
    /** Readiness of each replica, on its management interface. */
    private static final List<String> health = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        RedisServer.require();
        Files.createDirectories(LOGS);
        postgres = EmbeddedPostgres.builder().start();
        String serverAdmin = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
        DevEnvironment.loadReferenceDatabase(serverAdmin, Path.of("sql"));
        adminUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/fdw_gateway?user=postgres";
        issuer = TestIssuer.create(false).start();
        for (String name : List.of("a", "b")) {
            int port = freePort();
            urls.add("http://127.0.0.1:" + port);
            int management = freePort();
            health.add("http://127.0.0.1:" + management + "/q/health/ready");
            replicas.add(new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.port=" + management,
                    "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:" + postgres.getPort() + "/fdw_gateway",
                    "-Dquarkus.datasource.username=authenticator",
                    "-Dquarkus.oidc.auth-server-url=" + issuer.issuer(),
                    "-Dquarkus.oidc.token.audience=" + TestIssuer.AUDIENCE,
                    "-Dgateway.role.anonymous=anon",
                    "-Dgateway.role.allowed=anon,authenticated,service_role",
                    "-Dgateway.statement-timeout=30s",
                    "-Dgateway.rate-limit.store=redis",
                    "-Dgateway.rate-limit.per-caller.requests=" + PER_CALLER,
                    "-Dgateway.idempotency.store=redis",
                    "-Dgateway.idempotency.in-flight-ttl=" + IN_FLIGHT_TTL.toSeconds() + "s",
                    "-Dgateway.cache.store=redis",
                    "-Dquarkus.redis.hosts=" + RedisServer.URL,
                    "-Dgateway.redis.key-prefix=" + PREFIX,
                    "-jar", JAR.toString()))
                    .redirectErrorStream(true).redirectOutput(LOGS.resolve("replica-" + name + ".log").toFile()).start());
        }
        for (int i = 0; i < replicas.size(); i++) {
            awaitReady(health.get(i), replicas.get(i));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : replicas) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (issuer != null) {
            issuer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try (RedisServer redis = RedisServer.connect()) {
            redis.deleteKeys(PREFIX);
        }
    }

    private static ValidatableResponse call(int replica, String token, String function) {
        return given().baseUri(urls.get(replica)).header("Authorization", "Bearer " + token)
                .when().get("/rpc/" + function).then();
    }

    private static ValidatableResponse event(int replica, String token, String key, String kind) {
        return given().baseUri(urls.get(replica)).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"kind\":\"" + kind + "\"}")
                .when().post("/rpc/record_event").then();
    }

    private static String token() {
        return issuer.sign("key-1", c -> c.setSubject("it-" + UUID.randomUUID()));
    }

    private static long runs(String kind) {
        return Database.countIn(adminUrl, "select count(*) from app.events where kind = ?", kind);
    }

    @Test
    void aCallersLimitIsOneLimitAcrossReplicas() {
        String token = token();
        for (int i = 1; i <= PER_CALLER; i++) {
            call(i % 2, token, "whoami").statusCode(200)
                    .header("RateLimit", containsString("\"caller\";r=" + (PER_CALLER - i) + ";"));
        }
        call(0, token, "whoami").statusCode(429).body("code", equalTo("GW429-rate-limited"));
        call(1, token, "whoami").statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        call(0, token(), "whoami").statusCode(200);
    }

    @Test
    void aKeyRunsOnceWhicheverReplicaTheRetryReaches() {
        String token = token();
        String key = UUID.randomUUID().toString();
        String kind = "it-" + UUID.randomUUID();
        ExtractableResponse<Response> first = event(0, token, key, kind).statusCode(200)
                .header("Idempotent-Replayed", nullValue()).extract();
        event(1, token, key, kind).statusCode(200).header("Idempotent-Replayed", equalTo("true"))
                .body(equalTo(first.asString()));
        event(1, token, key, kind + "-other").statusCode(422).body("code", equalTo("GW422-idempotency-mismatch"));
        assertEquals(1, runs(kind));
        assertEquals(0, runs(kind + "-other"));
    }

    @Test
    void whileOneReplicaRunsAKeyTheOtherAnswers409ThenReplays() throws Exception {
        String token = token();
        String key = UUID.randomUUID().toString();
        String kind = "it-" + UUID.randomUUID();
        CompletableFuture<ExtractableResponse<Response>> first;
        try (Database.Lock lock = Database.lock(adminUrl, "app.events")) {
            first = CompletableFuture.supplyAsync(() -> event(0, token, key, kind).extract());
            await().atMost(Duration.ofSeconds(20)).until(() -> lock.waiters() > 0);
            // past the in-flight ttl: replica a renews its marker while the call runs
            Thread.sleep(IN_FLIGHT_TTL.toMillis() + 1000);
            event(1, token, key, kind).statusCode(409).body("code", equalTo("GW409-idempotency-in-flight"));
        }
        assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
        event(1, token, key, kind).statusCode(200).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(1, runs(kind));
    }

    @Test
    void theKeyOfAReplicaKilledMidCallIsFreedWhenItsMarkerExpires() throws Exception {
        String token = token();
        String key = UUID.randomUUID().toString();
        String kind = "it-" + UUID.randomUUID();
        Process victim = startThirdReplica();
        String victimUrl = urls.get(2);
        try (Database.Lock lock = Database.lock(adminUrl, "app.events")) {
            CompletableFuture.runAsync(() -> given().baseUri(victimUrl).header("Authorization", "Bearer " + token)
                    .header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"kind\":\"" + kind + "\"}")
                    .when().post("/rpc/record_event"));
            await().atMost(Duration.ofSeconds(20)).until(() -> lock.waiters() > 0);
            event(0, token, key, kind).statusCode(409);
            victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            // the database drops the dead replica's session with it, before its insert can go on
            terminateWaitingBackends();
        }
        Instant killed = Instant.now();
        // each poll counts against the caller's limit: a few, spaced out
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(700))
                .until(() -> event(0, token, key, kind).extract().statusCode(), status -> {
                    if (status != 200 && status != 409) {
                        throw new AssertionError("a retry answered " + status);
                    }
                    return status == 200;
                });
        assertTrue(Duration.between(killed, Instant.now()).compareTo(IN_FLIGHT_TTL.plusSeconds(5)) < 0,
                "free within the in-flight ttl of the kill");
        event(1, token, key, kind).statusCode(200).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(1, runs(kind));
    }

    /** What one replica's {@code @cache} function answered, the other answers from Redis. */
    @Test
    void aCachedAnswerIsSharedByTheReplicas() throws Exception {
        try (Connection c = Jdbc.connect(adminUrl); Statement st = c.createStatement()) {
            st.execute("""
                    create function public.it_cached() returns jsonb
                    language sql stable security definer set search_path = ''
                    as $$ select pg_catalog.jsonb_build_object('r', pg_catalog.random()) $$;
                    comment on function public.it_cached() is '@cache 60s';
                    alter function public.it_cached() owner to api_definer;
                    revoke execute on function public.it_cached() from public;
                    grant execute on function public.it_cached() to authenticated;
                    """);
        }
        for (int replica = 0; replica < 2; replica++) {
            int r = replica;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> call(r, token(), "it_cached").statusCode(200));
        }
        String token = token();
        String first = call(0, token, "it_cached").statusCode(200).header("Gateway-Cache", "miss")
                .extract().path("r").toString();
        String second = call(1, token, "it_cached").statusCode(200).header("Gateway-Cache", "hit")
                .extract().path("r").toString();
        assertEquals(first, second);
        // another caller: its own key, on either replica
        call(1, token(), "it_cached").statusCode(200).header("Gateway-Cache", "miss");
    }

    @Test
    void everyKeyInRedisIsUnderThePrefixAndExpires() {
        event(0, token(), UUID.randomUUID().toString(), "it-keys").statusCode(200);
        try (RedisServer redis = RedisServer.connect()) {
            List<String> keys = redis.keys(PREFIX);
            assertTrue(keys.stream().anyMatch(k -> k.startsWith(PREFIX + "idem:")), keys::toString);
            for (String k : keys) {
                assertTrue(redis.pttl(k) > 0, k + " expires");
            }
        }
    }

    private static Process startThirdReplica() throws Exception {
        int port = freePort();
        urls.add("http://127.0.0.1:" + port);
        int management = freePort();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + management,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:" + postgres.getPort() + "/fdw_gateway",
                "-Dquarkus.datasource.username=authenticator",
                "-Dquarkus.oidc.auth-server-url=" + issuer.issuer(),
                "-Dquarkus.oidc.token.audience=" + TestIssuer.AUDIENCE,
                "-Dgateway.statement-timeout=30s",
                "-Dgateway.idempotency.store=redis",
                "-Dgateway.idempotency.in-flight-ttl=" + IN_FLIGHT_TTL.toSeconds() + "s",
                "-Dquarkus.redis.hosts=" + RedisServer.URL,
                "-Dgateway.redis.key-prefix=" + PREFIX,
                "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(LOGS.resolve("replica-c.log").toFile()).start();
        awaitReady("http://127.0.0.1:" + management + "/q/health/ready", p);
        return p;
    }

    private static void terminateWaitingBackends() throws Exception {
        try (Connection c = Jdbc.connect(adminUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                     + " where wait_event_type = 'Lock' and datname = current_database()")) {
            rs.next();
        }
    }

    private static void awaitReady(String url, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("a replica exited with " + process.exitValue() + "; see " + LOGS);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("a replica was not ready within 3 minutes; see " + LOGS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
