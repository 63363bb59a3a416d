package io.fdwgateway.error;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQLSTATE table and the gateway's own 4xx answers, over HTTP against real Postgres.
 * public.raise_error raises any SQLSTATE on request, so each row of the table is exercised
 * by a real database error.
 */
@QuarkusTest
class ErrorMappingHttpTest {

    private static final String ALICE = Tokens.forSubject("alice");

    /** Nothing internal may reach a client, whatever the error. */
    private static ValidatableResponse clean(ValidatableResponse r) {
        for (String leak : List.of("select ", "pg_catalog", "jsonb_to_record", "127.0.0.1", "port=", "Exception",
                "at io.", "postgresql://", "stripe_api_reader")) {
            r.body(not(containsString(leak)));
        }
        return r;
    }

    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource({
        "P0001, 400", "22023, 400", "23514, 400", "23505, 409", "23503, 409", "42883, 404",
        "57014, 504", "HV00N, 502", "08006, 502", "53300, 503", "40001, 503", "54000, 413", "XX000, 500", "42501, 403",
        "42725, 400", "57P03, 503"
    })
    void everyTableRowOverHttp(String state, int status) {
        ValidatableResponse r = clean(post(ALICE, "raise_error", Map.of("sqlstate", state)));
        r.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
        if (status == 503) {
            r.header("Retry-After", equalTo("5"));
        }
    }

    @Test
    void raisedExceptionPassesMessageAndHint() {
        problem(get(ALICE, "check_quota", Map.of("amount", "500")), 400, "P0001")
                .body("detail", equalTo("quota exceeded: 500 requested, 100 allowed"))
                .body("hint", equalTo("Ask for a quota increase."));
        get(ALICE, "check_quota", Map.of("amount", "5")).statusCode(200).body(equalTo("5"));
    }

    @Test
    void unreachableForeignServerIs502WithoutItsAddress() {
        clean(problem(get(ALICE, "get_offline_products"), 502, "08001"));
    }

    @Test
    void slowCallIs504() {
        get(ALICE, "slow", Map.of("seconds", "0.1")).statusCode(200).body(equalTo("\"done\""));
        clean(problem(get(ALICE, "slow", Map.of("seconds", "5")), 504, "57014"));
    }

    @Test
    void badValuesAre400FromPostgresTypeChecks() {
        problem(get(ALICE, "add", Map.of("a", "abc")), 400, "22P02");
        problem(post(ALICE, "echo_types", Map.of("d", "2026-02-30")), 400, "22008");
        problem(post(ALICE, "echo_types", Map.of("u", "not-a-uuid")), 400, "22P02");
        problem(post(ALICE, "echo_types", Map.of("i", 99999999999L)), 400, "22003");
        problem(post(ALICE, "echo_types", Map.of("tags", "{unclosed")), 400, "22P02");
    }

    @Test
    void argumentMistakesAre400() {
        problem(post(ALICE, "add", Map.of("a", 1, "c", 2)), 400, "GW400-unknown-argument")
                .body("detail", containsString("'c'"));
        problem(post(ALICE, "add", Map.of("b", 1)), 400, "GW400-missing-argument")
                .body("detail", containsString("a"));
        problem(Api.as(ALICE).contentType(ContentType.JSON).body("{\"a\": 1,").post("/rpc/add").then(), 400, "GW400-body");
        problem(Api.as(ALICE).contentType(ContentType.JSON).body("[1, 2]").post("/rpc/add").then(), 400, "GW400-body");
        problem(Api.as(ALICE).contentType(ContentType.JSON).body("{\"a\":1,\"a\":2}").post("/rpc/add").then(), 400, "GW400-body");
        problem(Api.as(ALICE).contentType(ContentType.JSON).body("{\"a\":\"\\u0000\"}").post("/rpc/add").then(),
                400, "GW400-invalid-argument");
        problem(Api.as(ALICE).queryParam("a", "1\u0000").get("/rpc/add").then(), 400, "GW400-invalid-argument");
        problem(Api.as(ALICE).queryParam("a", "1").queryParam("a", "2").get("/rpc/add").then(), 400, "GW400-invalid-argument");
        problem(Api.as(ALICE).contentType(ContentType.JSON).body("{}").queryParam("a", "1").post("/rpc/add").then(),
                400, "GW400-unexpected-parameter");
    }

    @Test
    void nonJsonBodiesAre415() {
        problem(Api.as(ALICE).contentType(ContentType.TEXT).body("a=1").post("/rpc/add").then(), 415, "GW415");
        problem(Api.as(ALICE).contentType(ContentType.URLENC).formParam("a", "1").post("/rpc/add").then(), 415, "GW415");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"name_prefix\": \"" + "x".repeat(1_100_000) + "\"}";
        problem(Api.as(ALICE).contentType(ContentType.JSON).body(big).post("/rpc/get_stripe_products").then(),
                413, "GW413");
    }

    @Test
    void unservedFunctionsAreIndistinguishable404s() {
        for (String name : List.of("no_such_function", "invoker_decoy", "internal_all_products",
                "stripe.internal_all_products", "stripe_products", "pg_sleep", "set_config", "ADD", "add ", "add()",
                "public.add", "\"add\"")) {
            try {
                clean(problem(Api.as(ALICE).contentType(ContentType.JSON).body("{}").post("/rpc/{f}", name).then(),
                        404, "GW404"))
                        .body("detail", equalTo("No such function is served at this path."));
            } catch (AssertionError e) {
                throw new AssertionError("function name [" + name + "]: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void injectionInFunctionNamesIsJustAnUnknownName() {
        for (String name : List.of("add\"(1); drop table app.orders; --", "add;select 1", "add' or '1'='1",
                "add%00", "..%2F..%2Fq%2Fhealth")) {
            clean(problem(Api.as(ALICE).post("/rpc/{f}", name).then(), 404, "GW404"));
        }
        get(ALICE, "my_orders").statusCode(200);
    }

    @Test
    void injectionInArgumentNamesIsAnUnknownArgument() {
        problem(post(ALICE, "add", Map.of("a\" => 1); drop table app.orders; --", 1)), 400, "GW400-unknown-argument");
        problem(get(ALICE, "add", Map.of("a)--", "1")), 400, "GW400-unknown-argument");
    }

    @Test
    void injectionInValuesStaysAValue() {
        get(ALICE, "get_stripe_products", Map.of("name_prefix", "' or 1=1; --")).statusCode(200).body(equalTo("[]"));
        get(ALICE, "lookup", Map.of("name", "x'); drop table app.orders; --")).statusCode(200)
                .body(equalTo("\"by name x'); drop table app.orders; --\""));
        get(ALICE, "my_orders").statusCode(200);
    }

    @Test
    void unknownPathsAreProblemJson() {
        problem(Api.as(ALICE).get("/nothing/here").then(), 404, "GW404");
        problem(Api.as(ALICE).get("/rpc").then(), 404, "GW404");
    }
}
