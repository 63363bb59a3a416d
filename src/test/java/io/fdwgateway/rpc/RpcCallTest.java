package io.fdwgateway.rpc;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP contract of /rpc against the reference database (result shapes, verbs, arguments). */
@QuarkusTest
class RpcCallTest {

    private static final String ALICE = Tokens.forSubject("alice");

    @Test
    void postReturnsRowsBuiltByPostgresThroughTheForeignTable() {
        post(ALICE, "get_stripe_products", Map.of("name_prefix", "Basic"))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", contains("prod_001", "prod_002"))
                .body("[0].name", equalTo("Basic plan"))
                .body("[0].active", equalTo(true))
                .body("[0].default_price", equalTo("price_basic"));
    }

    @Test
    void getTakesArgumentsFromTheQueryString() {
        get(ALICE, "get_stripe_products", Map.of("name_prefix", "Pro"))
                .statusCode(200)
                .body("id", contains("prod_003", "prod_004"));
    }

    @Test
    void wildcardsInThePrefixAreLiteral() {
        get(ALICE, "get_stripe_products", Map.of("name_prefix", "%")).statusCode(200).body("$", hasSize(0));
        get(ALICE, "get_stripe_products", Map.of("name_prefix", "_")).statusCode(200).body("$", hasSize(0));
        get(ALICE, "get_stripe_products", Map.of("name_prefix", "100%")).statusCode(200).body("id", contains("prod_006"));
        get(ALICE, "get_stripe_products", Map.of("name_prefix", "snake_")).statusCode(200).body("id", contains("prod_007"));
    }

    @Test
    void emptySetIsAnEmptyArray() {
        get(ALICE, "get_stripe_products", Map.of("name_prefix", "nothing starts like this"))
                .statusCode(200).body(equalTo("[]"));
    }

    @Test
    void scalarIsTheBareJsonValue() {
        get(ALICE, "add", Map.of("a", "2", "b", "3")).statusCode(200).body(equalTo("5"));
        post(ALICE, "add", Map.of("a", 40, "b", 2)).statusCode(200).body(equalTo("42"));
    }

    @Test
    void defaultsApplyToOmittedArguments() {
        get(ALICE, "add", Map.of("a", "7")).statusCode(200).body(equalTo("7"));
        post(ALICE, "echo_types", Map.of()).statusCode(200)
                .body("[0].i", equalTo(1))
                .body("[0].d", equalTo("2024-01-01"))
                .body("[0].tags", hasSize(0));
    }

    @Test
    void compositeIsAnObject() {
        get(ALICE, "stripe_summary").statusCode(200)
                .body("total", equalTo(8))
                .body("active", equalTo(7));
    }

    @Test
    void setOfScalarsIsAnArrayOfValues() {
        get(ALICE, "product_ids").statusCode(200).body("$", hasSize(8)).body("[0]", equalTo("prod_001"));
    }

    @Test
    void voidAnswers204WithoutBody() {
        post(ALICE, "log_visit", Map.of("page", "pricing")).statusCode(204).body(emptyString());
        Api.as(ALICE).when().post("/rpc/log_visit").then().statusCode(204);
    }

    @Test
    void typedArgumentsArriveWithTheirPostgresTypes() {
        String body = """
                {"i": 42, "n": 1.50, "b": true, "d": "2026-11-27", "ts": "2026-11-27T10:00:00Z",
                 "u": "6f1c7d2e-8a41-4f7b-9a57-1d2c3b4a5e6f", "tags": ["a", "b,c"], "doc": {"k": [1, 2.50]}}""";
        Api.as(ALICE).contentType(ContentType.JSON).body(body).post("/rpc/echo_types").then()
                .statusCode(200)
                .body(containsString("\"n\":1.50"))
                .body(containsString("\"ts\":\"2026-11-27T10:00:00+00:00\""))
                .body("[0].i", equalTo(42))
                .body("[0].b", equalTo(true))
                .body("[0].u", equalTo("6f1c7d2e-8a41-4f7b-9a57-1d2c3b4a5e6f"))
                .body("[0].tags", contains("a", "b,c"))
                .body("[0].doc.k[0]", equalTo(1));
    }

    @Test
    void arraysFromQueryStringUsePostgresLiteralsAsPostgrestJsSendsThem() {
        Api.as(ALICE).urlEncodingEnabled(true).queryParam("tags", "{a,\"b c\"}").queryParam("b", "true")
                .get("/rpc/echo_types").then()
                .statusCode(200)
                .body("[0].tags", contains("a", "b c"))
                .body("[0].b", equalTo(true));
    }

    @Test
    void nullResultIsJsonNull() {
        post(ALICE, "add", "{\"a\": null}").statusCode(200).body(equalTo("null"));
    }

    @Test
    void volatileFunctionRefusesGetWithAllowPost() {
        problem(get(ALICE, "record_event", Map.of("kind", "x")), 405, "GW405").header("Allow", "POST");
        post(ALICE, "record_event", Map.of("kind", "signup", "payload", Map.of("plan", "pro"))).statusCode(200);
    }

    @Test
    void otherVerbsAnswer405WithAllow() {
        problem(Api.as(ALICE).put("/rpc/add").then(), 405, "GW405").header("Allow", containsString("POST"));
        problem(Api.as(ALICE).delete("/rpc/add").then(), 405, "GW405");
        problem(Api.as(ALICE).patch("/rpc/record_event").then(), 405, "GW405").header("Allow", "POST");
        problem(Api.as(ALICE).delete("/rpc/no_such_function").then(), 404, "GW404");
    }

    @Test
    void stableFunctionsRunReadOnlyAndVolatileOnesReadWrite() {
        get(ALICE, "whoami").statusCode(200).body("read_only", equalTo("on"));
        problem(post(ALICE, "raise_error", Map.of("sqlstate", "25006")), 405, "25006");
    }

    @Test
    void overloadsAreToldApartByArgumentNames() {
        get(ALICE, "lookup", Map.of("id", "7")).statusCode(200).body(equalTo("\"by id 7\""));
        get(ALICE, "lookup", Map.of("name", "x")).statusCode(200).body(equalTo("\"by name x\""));
        problem(get(ALICE, "lookup"), 400, "GW400-unknown-argument");
    }

    @Test
    void everyResponseCarriesARequestId() {
        get(ALICE, "add", Map.of("a", "1")).statusCode(200).header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
        get(ALICE, "add", Map.of("a", "1")).header("Cache-Control", nullValue());
    }
}
