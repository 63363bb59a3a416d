package io.fdwgateway.shape;

import static io.fdwgateway.support.Api.as;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.equalTo;

import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A function with a single unnamed json, jsonb, text or bytea parameter receives the whole
 * request body, by content type (PostgREST's raw bodies).
 */
@QuarkusTest
class RawBodyTest {

    private static RequestSpecification alice() {
        return as(Tokens.forSubject("alice"));
    }

    @Test
    void jsonBodyReachesAJsonbParameterWhole() {
        alice().contentType("application/json").body("[1, {\"a\": \"b\"}, null]").post("/rpc/raw_json").then()
                .statusCode(200).body("got[1].a", equalTo("b"));
        alice().contentType("application/json").body("\"just a string\"").post("/rpc/raw_json").then()
                .statusCode(200).body("got", equalTo("just a string"));
        // Postgres parses it: not JSON is its own 400
        problem(alice().contentType("application/json").body("{nope").post("/rpc/raw_json").then(), 400, "22P02");
    }

    @Test
    void textPlainReachesATextParameter() {
        alice().contentType("text/plain; charset=utf-8").body("héllo, {world}").post("/rpc/raw_text").then()
                .statusCode(200).body(equalTo("\"got 14 characters: héllo, {world}\""));
        problem(alice().contentType("text/plain").body("a\u0000b").post("/rpc/raw_text").then(), 400,
                "GW400-invalid-argument");
    }

    @Test
    void octetStreamReachesAByteaParameterByteForByte() throws Exception {
        byte[] bytes = new byte[3000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        alice().contentType("application/octet-stream").body(bytes).post("/rpc/raw_bytes").then()
                .statusCode(200).body(equalTo("\"3000 bytes, sha256 " + sha + "\""));
    }

    @Test
    void anotherContentTypeIs415NamingTheOneItTakes() {
        problem(alice().contentType("application/json").body("{\"x\": 1}").post("/rpc/raw_text").then(), 415, "GW415")
                .body("detail", equalTo("This function takes the whole request body: POST it as text/plain."));
        problem(alice().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8)).post("/rpc/raw_bytes")
                .then(), 415, "GW415");
    }
}
