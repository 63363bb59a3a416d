package io.fdwgateway.shape;

import static io.fdwgateway.support.Api.as;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad shaping input answers a 4xx problem+json with the gateway's own code, never a 500: bad
 * syntax, unknown columns and operators, injection attempts in names, operators and order,
 * bad ranges, huge lists. Column names reach SQL only as catalog names.
 */
@QuarkusTest
class ShapingErrorsTest {

    private static ValidatableResponse plans(String name, String value) {
        return as(Tokens.forSubject("alice")).queryParam(name, value).get("/rpc/list_plans").then();
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "select|id,nope|GW400-unknown-column",
        "select|id;drop table app.plans|GW400-unknown-column",
        "select|\"id\"\"; drop table app.plans; --\"|GW400-select",
        "select|\"id; drop table app.plans; --\"|GW400-unknown-column",
        "select|orders(*)|GW400-select",
        "select|n:name|GW400-select",
        "select|id::text|GW400-select",
        "select|id,id|GW400-select",
        "id\"; drop table app.plans; --|eq.1|GW400-unknown-column",
        "nope|eq.1|GW400-unknown-column",
        "id|eq|GW400-filter",
        "id|xx.1|GW400-filter",
        "id|eq);drop table app.plans;--.1|GW400-filter",
        "id|in.1,2|GW400-filter",
        "id|in.(1,2|GW400-filter",
        "id|in.(\"1)|GW400-filter",
        "id|is.maybe|GW400-filter",
        "id|is.true|GW400-filter",
        "or|id.eq.1|GW400-filter",
        "or|()|GW400-filter",
        "or|(id.eq.1,)|GW400-filter",
        "or|(id.eq.1,nope.eq.2)|GW400-unknown-column",
        "or|(id.drop.1)|GW400-filter",
        "or|(and(or(and(or(and(or(and(or(id.eq.1)))))))))|GW400-filter",
        "order|nope|GW400-unknown-column",
        "order|id.sideways|GW400-filter-or-order",
        "order|id;drop table app.plans|GW400-order",
        "order|\"id;drop table app.plans\"|GW400-unknown-column",
        "order|id.desc.asc|GW400-filter-or-order",
        "order|\"id|GW400-order",
        "limit|-1|GW400-range",
        "limit|1e3|GW400-range",
        "offset|99999999999999999999|GW400-range",
        "limit|1 or 1=1|GW400-range",
    })
    void refusedWithItsCode(String name, String value, String code) {
        ValidatableResponse response = plans(name, value);
        if (code.equals("GW400-filter-or-order")) {
            problem(response, 400, "GW400-order");
        } else {
            problem(response, 400, code);
        }
        response.body("detail", not(containsString("pg_catalog")));
    }

    @Test
    void theTableSurvivesEveryAttempt() {
        as(Tokens.forSubject("alice")).get("/rpc/list_plans").then().statusCode(200)
                .body("size()", equalTo(10));
    }

    @ParameterizedTest(name = "Range: {0}")
    @CsvSource(delimiter = '|', value = {
        "abc|GW400-range",
        "-5|GW400-range",
        "1-x|GW400-range",
        "0-99999999999999999999|GW400-range",
        "bytes=0-1|GW400-range",
    })
    void malformedRangeIs400(String range, String code) {
        problem(as(Tokens.forSubject("alice")).header("Range", range).get("/rpc/list_plans").then(), 400, code);
    }

    @Test
    void unsatisfiableRangeIs416() {
        problem(as(Tokens.forSubject("alice")).header("Range", "5-2").get("/rpc/list_plans").then(), 416, "GW416-range");
        problem(as(Tokens.forSubject("alice")).header("Range-Unit", "bytes").header("Range", "0-1")
                .get("/rpc/list_plans").then(), 400, "GW400-range");
        problem(as(Tokens.forSubject("alice")).header("Prefer", "count=exact").queryParam("offset", "10")
                .get("/rpc/list_plans").then(), 416, "GW416-range").header("Content-Range", "*/10");
    }

    @Test
    void aHugeInListIsRefusedWithA4xx() {
        // longer than the request line may be: Vert.x refuses it (414) before the gateway reads it
        String list = IntStream.range(0, 5000).mapToObj(Integer::toString).collect(Collectors.joining(","));
        io.restassured.RestAssured.given().noFilters().queryParam("id", "in.(" + list + ")").get("/rpc/list_plans").then()
                .statusCode(anyOf(equalTo(400), equalTo(414)));
        // as large as the request line allows: bound as one array, answered
        String fits = IntStream.range(0, 400).mapToObj(Integer::toString).collect(Collectors.joining(","));
        as(Tokens.forSubject("alice")).queryParam("id", "in.(" + fits + ")").get("/rpc/list_plans").then()
                .statusCode(200).body("size()", equalTo(10));
    }
}
