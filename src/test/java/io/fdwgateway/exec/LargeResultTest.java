package io.fdwgateway.exec;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.call.SqlBuilder;
import io.fdwgateway.support.Contract;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A result larger than one chunk ({@link SqlBuilder#CHUNK_BYTES}) comes from Postgres in
 * several rows and goes out as one body, byte for byte: sizes on and around the chunk edges,
 * characters of 2, 3 and 4 bytes cut by a chunk edge at each of their bytes, and sizes on and
 * around {@code gateway.max-response-bytes} (here 2 MiB + 1000, no multiple of a chunk), whose
 * bound is still decided before any byte is sent: 502 GW502-response-too-large one byte over
 * it. All on the one pooled connection, through a relay that cuts Postgres' output into reads
 * of its own, so every call also proves that the previous one left the connection's decoder
 * in step.
 *
 * <p>The results are join_words' {@code to_json} of the separator between two empty words:
 * exactly {@code "} + separator + {@code "}, a request of the result's size.
 */
@QuarkusTest
@TestProfile(LargeResultTest.Profile.class)
class LargeResultTest {

    static final int CHUNK = SqlBuilder.CHUNK_BYTES;
    static final int LIMIT = 2 * CHUNK + 1000;
    private static final String ALICE = Tokens.forSubject("alice");

    public static class Profile extends OneConnectionProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> base = new java.util.HashMap<>(super.getConfigOverrides());
            base.put("gateway.max-response-bytes", Integer.toString(LIMIT));
            // requests as large as the results
            base.put("quarkus.http.limits.max-body-size", "4M");
            return base;
        }
    }

    @Inject
    Pool pool;

    /** The separator whose result is {@code "} + it + {@code "}: {@code size} bytes, ASCII. */
    private static String asciiFor(int size) {
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < size - 2; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.toString();
    }

    private static Response call(String separator) {
        String body = new JsonObject().put("separator", separator).put("words", new JsonArray().add("").add(""))
                .encode();
        return given().header("Authorization", "Bearer " + ALICE).contentType(ContentType.JSON).body(body)
                .post("/rpc/join_words");
    }

    private static void arrivesExactly(String separator) {
        byte[] expected = ("\"" + separator + "\"").getBytes(StandardCharsets.UTF_8);
        Response response = call(separator);
        assertEquals(200, response.statusCode());
        assertEquals(Integer.toString(expected.length), response.header("Content-Length"));
        assertEquals("application/json; charset=utf-8", response.contentType());
        assertArrayEquals(expected, response.asByteArray(), () -> expected.length + " bytes did not arrive as sent");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {2, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK - 1, 2 * CHUNK, 2 * CHUNK + 1, LIMIT - 1, LIMIT})
    void resultsOnAndAroundTheChunkEdgesArriveByteForByte(int size) {
        arrivesExactly(asciiFor(size));
    }

    /** Each character width, with the chunk edge falling after each of its bytes. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"é", "€", "😀"})
    void charactersCutByAChunkEdgeArriveByteForByte(String character) {
        int width = character.getBytes(StandardCharsets.UTF_8).length;
        for (int shift = 0; shift < width; shift++) {
            // the opening quote and `shift` ASCII bytes, then the characters across the edge at CHUNK
            String separator = "x".repeat(shift) + character.repeat((CHUNK + 4 * width) / width);
            byte[] bytes = ("\"" + separator + "\"").getBytes(StandardCharsets.UTF_8);
            assertTrue(bytes.length > CHUNK);
            arrivesExactly(separator);
        }
    }

    @Test
    void oneByteOverTheLimitAnswers502AndTheNextCallsWork() {
        problem(given().filter(Contract.filter()).header("Authorization", "Bearer " + ALICE)
                .contentType(ContentType.JSON)
                .body(new JsonObject().put("separator", asciiFor(LIMIT + 1))
                        .put("words", new JsonArray().add("").add("")).encode())
                .post("/rpc/join_words").then(), 502, "GW502-response-too-large");
        get(ALICE, "add", Map.of("a", "1", "b", "2")).statusCode(200);
        arrivesExactly(asciiFor(LIMIT));
    }

    /**
     * A shaped call (filtered, counted, windowed in SQL) of more than one chunk: the rows sent
     * and counted ride on every chunk row, and Content-Range still says them.
     */
    @Test
    void aShapedResultOfSeveralChunksKeepsItsCounts() {
        String text = "€".repeat(CHUNK / 2);
        String body = new JsonObject().put("doc", new JsonObject().put("k", text)).encode();
        Response response = given().header("Authorization", "Bearer " + ALICE).header("Prefer", "count=exact")
                .contentType(ContentType.JSON).queryParam("select", "doc").queryParam("i", "eq.1").body(body)
                .post("/rpc/echo_types");
        assertEquals(200, response.statusCode());
        assertEquals("0-0/1", response.header("Content-Range"));
        byte[] bytes = response.asByteArray();
        assertTrue(bytes.length > CHUNK, "several chunks");
        assertEquals(Integer.toString(bytes.length), response.header("Content-Length"));
        JsonArray rows = new JsonArray(new String(bytes, StandardCharsets.UTF_8));
        assertEquals(1, rows.size());
        assertEquals(text, rows.getJsonObject(0).getJsonObject("doc").getString("k"));
    }

    /**
     * The response cache and the idempotency store keep a body of several chunks and send it
     * again byte for byte. The functions answer a random number after the text, so a second
     * answer equal to the first is the kept one.
     */
    @Test
    void aCachedOrReplayedBodyOfSeveralChunksIsTheSame() {
        Superuser.execute("""
                create or replace function public.large_cached(n int) returns text
                language sql stable security definer set search_path = ''
                as $$ select pg_catalog.repeat('é', n) || pg_catalog.random()::text $$;
                comment on function public.large_cached(int) is E'@cache 60s';
                create or replace function public.large_event(n int) returns text
                language sql volatile security definer set search_path = ''
                as $$ select pg_catalog.repeat('😀', n) || pg_catalog.random()::text $$;
                alter function public.large_cached(int) owner to api_definer;
                alter function public.large_event(int) owner to api_definer;
                revoke execute on function public.large_cached(int), public.large_event(int) from public;
                grant execute on function public.large_cached(int), public.large_event(int) to authenticated;
                """);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().header("Authorization", "Bearer " + ALICE).queryParam("n", "1")
                            .get("/rpc/large_cached").statusCode() == 200);
            int n = CHUNK; // 2 MiB and more of text
            Response first = given().header("Authorization", "Bearer " + ALICE).queryParam("n", n)
                    .get("/rpc/large_cached");
            Response second = given().header("Authorization", "Bearer " + ALICE).queryParam("n", n)
                    .get("/rpc/large_cached");
            assertEquals(200, second.statusCode());
            assertEquals("hit", second.header("Gateway-Cache"));
            assertTrue(first.asByteArray().length > 2 * CHUNK);
            assertArrayEquals(first.asByteArray(), second.asByteArray());
            assertEquals(first.header("Content-Length"), second.header("Content-Length"));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().header("Authorization", "Bearer " + ALICE).contentType(ContentType.JSON)
                            .body("{\"n\":1}").post("/rpc/large_event").statusCode() == 200);
            String body = "{\"n\":" + (CHUNK / 2) + "}";
            Response made = given().header("Authorization", "Bearer " + ALICE).header("Idempotency-Key", "large-1")
                    .contentType(ContentType.JSON).body(body).post("/rpc/large_event");
            Response replayed = given().header("Authorization", "Bearer " + ALICE).header("Idempotency-Key", "large-1")
                    .contentType(ContentType.JSON).body(body).post("/rpc/large_event");
            assertEquals(200, replayed.statusCode());
            assertEquals("true", replayed.header("Idempotent-Replayed"));
            assertTrue(made.asByteArray().length > 2 * CHUNK);
            assertArrayEquals(made.asByteArray(), replayed.asByteArray());
        } finally {
            Superuser.execute("drop function if exists public.large_cached(int), public.large_event(int)");
            // gone from the catalog before the next test
            io.fdwgateway.support.Api.awaitStatus(ALICE, "large_cached", 404);
        }
    }

    @Test
    void aNullResultIsStillJsonNull() {
        // join_words of no word at all is an empty string; of a NULL separator, NULL
        String body = new JsonObject().putNull("separator").put("words", new JsonArray().add("a").add("b")).encode();
        Response response = given().header("Authorization", "Bearer " + ALICE).contentType(ContentType.JSON)
                .body(body).post("/rpc/join_words");
        assertEquals(200, response.statusCode());
        assertEquals("null", response.asString());
    }

    /** The pool's connections hand the client's decoder whole messages ({@link WholeMessages}). */
    @Test
    void pooledConnectionsHaveTheWholeMessagesHandler() throws Exception {
        SqlConnection conn = pool.getConnection().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            assertTrue(WholeMessages.installed(conn),
                    "the SQL client changed: the connection's pipeline no longer takes the handler");
        } finally {
            conn.close();
        }
    }
}
