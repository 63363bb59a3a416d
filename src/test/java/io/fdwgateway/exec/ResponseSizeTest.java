package io.fdwgateway.exec;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.Contract;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * gateway.max-response-bytes (16 MiB by default) bounds every result: a small request that
 * makes a function build a huge result (join_words with many empty words and a long
 * separator) answers 502 GW502-response-too-large, and the gateway, its only pool connection
 * and the next call are unaffected. A result under the limit arrives byte for byte.
 */
@QuarkusTest
@TestProfile(OneConnectionProfile.class)
class ResponseSizeTest {

    private static final String ALICE = Tokens.forSubject("alice");
    private static final String SEPARATOR = "x".repeat(1000);

    /** {"separator": 1000 × "x", "words": [n × ""]}: a request of 3 bytes per word. */
    private static String joinWords(int words) {
        StringBuilder sb = new StringBuilder(words * 3 + 1100).append("{\"separator\":\"").append(SEPARATOR)
                .append("\",\"words\":[");
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "\"\"" : ",\"\"");
        }
        return sb.append("]}").toString();
    }

    /** The JSON string join_words returns: the separator n − 1 times, in quotes. */
    private static long resultBytes(int words) {
        return 2L + (words - 1) * (long) SEPARATOR.length();
    }

    @Test
    void resultOverTheLimitAnswers502AndTheNextCallWorks() {
        int words = 17_000;
        assertTrue(resultBytes(words) > 16L * 1024 * 1024);
        String body = joinWords(words);
        assertTrue(body.length() < 100_000, "a small request");

        problem(given().filter(Contract.filter()).header("Authorization", "Bearer " + ALICE)
                .contentType(ContentType.JSON).body(body).post("/rpc/join_words").then(), 502, "GW502-response-too-large");

        get(ALICE, "add", Map.of("a", "1", "b", "2")).statusCode(200);
    }

    @Test
    void resultUnderTheLimitArrivesWhole() {
        int words = 10_001;
        byte[] result = given().header("Authorization", "Bearer " + ALICE).contentType(ContentType.JSON)
                .body(joinWords(words)).post("/rpc/join_words")
                .then().statusCode(200).contentType("application/json").extract().asByteArray();
        assertEquals(resultBytes(words), result.length);
        assertEquals('"', result[0]);
        assertEquals('x', result[1]);
        assertEquals('"', result[result.length - 1]);
    }
}
