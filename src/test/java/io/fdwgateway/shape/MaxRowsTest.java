package io.fdwgateway.shape;

import static io.fdwgateway.support.Api.as;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * gateway.max-rows caps every set's answer, and Content-Range says so; gateway.max-response-bytes
 * bounds CSV and ranged answers as it bounds JSON: Postgres measures them and withholds a larger one.
 */
@QuarkusTest
@TestProfile(MaxRowsTest.Capped.class)
class MaxRowsTest {

    public static class Capped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.max-rows", "3", "gateway.max-response-bytes", "256");
        }
    }

    private static RequestSpecification alice() {
        return as(Tokens.forSubject("alice"));
    }

    @Test
    void everySetIsCappedAndContentRangeSaysSo() {
        alice().get("/rpc/list_plans").then().statusCode(200)
                .header("Content-Range", "0-2/*")
                .body("id", contains(1, 2, 3));
        alice().header("Prefer", "count=exact").get("/rpc/list_plans").then().statusCode(206)
                .header("Content-Range", "0-2/10");
        alice().queryParam("limit", "10").queryParam("offset", "8").get("/rpc/list_plans").then().statusCode(200)
                .header("Content-Range", "8-9/*").body("id", contains(9, 10));
        alice().queryParam("limit", "2").get("/rpc/list_plans").then().statusCode(200).body("$", hasSize(2));
        alice().header("Range", "4-").get("/rpc/list_plans").then().statusCode(200)
                .header("Content-Range", "4-6/*").body("id", contains(5, 6, 7));
        alice().get("/rpc/product_ids").then().statusCode(200).header("Content-Range", "0-2/*").body("$", hasSize(3));
        alice().accept("text/csv").get("/rpc/list_plans").then().statusCode(200)
                .body(equalTo("id,name,monthly_eur\r\n1,Plan 1,9.50\r\n2,Plan 2,19.00\r\n3,Plan 3,28.50"));
    }

    @Test
    void theResponseSizeBoundAppliesToCsvAndRangedAnswers() {
        Map<String, Object> big = Map.of("doc", Map.of("k", "x".repeat(400)));
        problem(alice().accept("text/csv").contentType(ContentType.JSON).body(big).post("/rpc/echo_types").then(),
                502, "GW502-response-too-large");
        problem(alice().header("Range", "0-0").contentType(ContentType.JSON).body(big).post("/rpc/echo_types").then(),
                502, "GW502-response-too-large");
        problem(alice().accept("application/vnd.pgrst.object+json").contentType(ContentType.JSON).body(big)
                .post("/rpc/echo_types").then(), 502, "GW502-response-too-large");
        // the same call, small: answered
        alice().accept("text/csv").contentType(ContentType.JSON).body(Map.of("doc", Map.of("k", "x")))
                .queryParam("select", "doc").post("/rpc/echo_types").then().statusCode(200)
                .body(equalTo("doc\r\n\"{\"\"k\"\": \"\"x\"\"}\""));
    }
}
