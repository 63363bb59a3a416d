package io.fdwgateway.shape;

import static io.fdwgateway.support.Api.as;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgREST's result shaping on set-returning functions, against the reference database:
 * select, filters, logic trees, order, limit/offset, Range and counts, applied after the
 * function ran. Every answer is checked against the OpenAPI document too.
 */
@QuarkusTest
class ResultShapingTest {

    private static final String ALICE = Tokens.forSubject("alice");

    private static RequestSpecification alice() {
        return as(ALICE).urlEncodingEnabled(true);
    }

    private static ValidatableResponse products(Map<String, ?> query) {
        return alice().queryParam("name_prefix", "").queryParams(query).get("/rpc/get_stripe_products").then();
    }

    @Test
    void selectReturnsOnlyTheNamedColumnsInTheirOrder() {
        products(Map.of("select", "name,id", "id", "eq.prod_001")).statusCode(200)
                .body("$", hasSize(1))
                .body("[0].name", equalTo("Basic plan"))
                .body("[0].id", equalTo("prod_001"))
                .body("[0]", not(hasKey("active")));
    }

    @Test
    void comparisonFiltersAreTypedByTheColumn() {
        alice().queryParam("id", "gt.7").get("/rpc/list_plans").then().statusCode(200)
                .body("id", contains(8, 9, 10));
        alice().queryParam("monthly_eur", "lte.19").get("/rpc/list_plans").then().statusCode(200)
                .body("id", contains(1, 2));
        alice().queryParam("id", "neq.1").queryParam("limit", "2").get("/rpc/list_plans").then().statusCode(200)
                .body("id", contains(2, 3));
        alice().queryParam("id", "not.lt.9").get("/rpc/list_plans").then().statusCode(200)
                .body("id", contains(9, 10));
        // several filters on one column all hold
        alice().queryParam("id", "gte.3", "lt.5").get("/rpc/list_plans").then().statusCode(200)
                .body("id", contains(3, 4));
    }

    @Test
    void patternInAndIsFilters() {
        products(Map.of("name", "like.Basic*", "select", "id")).statusCode(200).body("id", contains("prod_001", "prod_002"));
        products(Map.of("name", "ilike.*PLAN*", "select", "id")).statusCode(200)
                .body("id", contains("prod_001", "prod_002", "prod_003", "prod_004"));
        products(Map.of("id", "in.(prod_003,prod_008,\"no,such\")", "select", "id")).statusCode(200)
                .body("id", contains("prod_003", "prod_008"));
        products(Map.of("id", "not.in.(prod_001,prod_002,prod_003,prod_004,prod_005,prod_006)", "select", "id"))
                .statusCode(200).body("id", contains("prod_007", "prod_008"));
        products(Map.of("default_price", "is.null", "select", "id")).statusCode(200).body("id", contains("prod_005"));
        products(Map.of("active", "is.false", "select", "id")).statusCode(200).body("id", contains("prod_004"));
        products(Map.of("description", "not.is.null", "active", "is.true", "select", "id", "limit", "1"))
                .statusCode(200).body("id", contains("prod_001"));
    }

    @Test
    void logicTreesNest() {
        products(Map.of("or", "(id.eq.prod_008,and(active.is.false,name.like.*legacy*))", "select", "id"))
                .statusCode(200).body("id", contains("prod_004", "prod_008"));
        products(Map.of("not.or", "(active.is.true,id.eq.nothing)", "select", "id"))
                .statusCode(200).body("id", contains("prod_004"));
        products(Map.of("and", "(id.gte.prod_002,id.lte.prod_003,name.not.like.\"*,*\")", "select", "id"))
                .statusCode(200).body("id", contains("prod_002", "prod_003"));
    }

    @Test
    void orderLimitAndOffset() {
        products(Map.of("order", "default_price.desc.nullsfirst,id", "select", "id", "limit", "3")).statusCode(200)
                .body("id", contains("prod_005", "prod_008", "prod_006"));
        alice().queryParam("order", "monthly_eur.desc").queryParam("offset", "2").queryParam("limit", "2")
                .get("/rpc/list_plans").then().statusCode(200)
                .header("Content-Range", "2-3/*")
                .body("id", contains(8, 7));
    }

    @Test
    void rangeHeaderAndExactCount() {
        alice().header("Range-Unit", "items").header("Range", "0-2").header("Prefer", "count=exact")
                .get("/rpc/list_plans").then().statusCode(206)
                .header("Content-Range", "0-2/10")
                .body("id", contains(1, 2, 3));
        // the whole result counted: 200
        alice().header("Prefer", "count=exact").queryParam("id", "gt.8").get("/rpc/list_plans").then()
                .statusCode(200).header("Content-Range", "0-1/2");
        // Range and limit/offset together: the rows both allow
        alice().header("Range", "2-").queryParam("limit", "4").get("/rpc/list_plans").then()
                .statusCode(200).header("Content-Range", "2-3/*").body("id", contains(3, 4));
        // nothing left: */total
        alice().header("Prefer", "count=exact").queryParam("id", "gt.99").get("/rpc/list_plans").then()
                .statusCode(200).header("Content-Range", "*/0").body("$", hasSize(0));
    }

    @Test
    void postTakesShapingFromTheQueryString() {
        alice().contentType(ContentType.JSON).body(Map.of("name_prefix", "Pro"))
                .queryParam("select", "id").queryParam("active", "is.true")
                .post("/rpc/get_stripe_products").then().statusCode(200)
                .body("id", contains("prod_003"));
    }

    @Test
    void aSetOfScalarsTakesTheWindowOnly() {
        alice().queryParam("limit", "2").queryParam("offset", "1").header("Prefer", "count=exact")
                .get("/rpc/product_ids").then().statusCode(206)
                .header("Content-Range", "1-2/8")
                .body("$", contains("prod_002", "prod_003"));
        problem(alice().queryParam("select", "id").get("/rpc/product_ids").then(), 400, "GW400-unknown-column");
    }

    @Test
    void argumentsWinOverFiltersOfTheSameName() {
        // name_prefix is an argument, never a filter; a column named like an argument cannot be filtered on GET
        alice().queryParam("name_prefix", "Zeta").get("/rpc/get_stripe_products").then().statusCode(200)
                .body("id", contains("prod_008"));
    }

    @Test
    void filterValuesAreTheCallersOwnSoTheirConversionErrorIsShown() {
        problem(alice().queryParam("id", "eq.abc").get("/rpc/list_plans").then(), 400, "22P02")
                .body("detail", equalTo("invalid input syntax for type integer: \"abc\""));
    }

    @Test
    void countAndRangeDoNotApplyToScalars() {
        alice().header("Range", "0-0").header("Prefer", "count=exact").queryParam("a", "1")
                .get("/rpc/add").then().statusCode(200).header("Content-Range", nullValue()).body(equalTo("1"));
    }
}
