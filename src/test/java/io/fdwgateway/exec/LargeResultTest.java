package io.fdwgateway.exec;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.call.SqlBuilder;
import io.fdwgateway.support.Contract;
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
