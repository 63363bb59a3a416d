package io.fdwgateway.shape;

import static io.fdwgateway.support.Api.as;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The representations a result is sent in: JSON, PostgREST's single object, CSV and plain text. */
@QuarkusTest
class MediaTypesTest {

    private static final String OBJECT = "application/vnd.pgrst.object+json";

    private static RequestSpecification alice() {
        return as(Tokens.forSubject("alice"));
    }

    @Test
    void csvIsBuiltByPostgresWithAHeaderRowAndRfc4180Quoting() {
        String csv = alice().accept("text/csv").queryParam("name_prefix", "")
                .queryParam("select", "id,default_price,description").queryParam("id", "in.(prod_001,prod_002,prod_005)")
                .get("/rpc/get_stripe_products").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Range", "0-2/*")
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals("id,default_price,description\r\n"
                + "prod_001,price_basic,Entry tier\r\n"
                + "prod_002,price_basic_y,\"Entry tier, billed yearly\"\r\n"
                + "prod_005,,Contact sales", csv);
    }

    @Test
    void csvOfAnEmptyResultIsTheHeaderAndQuotesOddValues() {
        alice().accept("text/csv").queryParam("id", "gt.99").get("/rpc/list_plans").then().statusCode(200)
                .body(equalTo("id,name,monthly_eur"));
        String csv = alice().accept("text/csv").contentType(ContentType.JSON)
                .body(Map.of("doc", Map.of("q", "say \"hi\"", "n", 1)))
                .queryParam("select", "doc,b").post("/rpc/echo_types").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals("doc,b\r\n\"{\"\"n\"\": 1, \"\"q\"\": \"\"say \\\"\"hi\\\"\"\"\"}\",false", csv);
    }

    @Test
    void csvOfASetOfScalarsIsNamedAfterTheFunction() {
        alice().accept("text/csv").queryParam("limit", "2").get("/rpc/product_ids").then().statusCode(200)
                .body(equalTo("product_ids\r\nprod_001\r\nprod_002"));
    }

    @Test
    void singleObjectNeedsExactlyOneRow() {
        alice().accept(OBJECT).queryParam("id", "eq.3").get("/rpc/list_plans").then().statusCode(200)
                .contentType(startsWith(OBJECT))
                .body("id", equalTo(3)).body("name", equalTo("Plan 3"));
        problem(alice().accept(OBJECT).queryParam("id", "gt.3").get("/rpc/list_plans").then(), 406,
                "GW406-single-object").body("detail", containsString("The result contains 7 rows"));
        problem(alice().accept(OBJECT).queryParam("id", "gt.30").get("/rpc/list_plans").then(), 406,
                "GW406-single-object").body("detail", containsString("The result contains 0 rows"));
        // a function that is not a set: its value, as with JSON
        alice().accept(OBJECT).get("/rpc/stripe_summary").then().statusCode(200).body("total", equalTo(8));
        alice().accept(OBJECT).contentType(ContentType.JSON).body(Map.of("a", 1, "b", 2)).post("/rpc/add").then()
                .statusCode(200).body(equalTo("3"));
    }

    @Test
    void textPlainForATextResult() {
        // the document lists text/plain in words only (see openapi.ResultShaping), so no contract check here
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + Tokens.forSubject("alice"))
                .accept("text/plain").queryParam("id", "7").get("/rpc/lookup").then().statusCode(200)
                .contentType(startsWith("text/plain")).body(equalTo("by id 7"));
        problem(alice().accept("text/plain").queryParam("a", "1").get("/rpc/add").then(), 406, "GW406");
        problem(alice().accept("text/plain").get("/rpc/list_plans").then(), 406, "GW406");
    }

    @Test
    void preferenceFollowsQualityThenOrder() {
        alice().accept("text/csv;q=0.5, application/json").queryParam("limit", "1").get("/rpc/list_plans").then()
                .statusCode(200).contentType(startsWith("application/json"));
        alice().accept("text/*").queryParam("limit", "1").get("/rpc/list_plans").then()
                .statusCode(200).contentType(startsWith("text/csv"));
        // CSV is not available for a scalar: the next acceptable representation
        alice().accept("text/csv, application/json;q=0.1").queryParam("a", "1").get("/rpc/add").then()
                .statusCode(200).body(equalTo("1"));
    }

    @Test
    void anythingElseIs406() {
        problem(alice().accept("image/png").get("/rpc/list_plans").then(), 406, "GW406");
        problem(alice().accept("text/csv").get("/rpc/whoami").then(), 406, "GW406");
        problem(alice().accept("application/json;q=0").get("/rpc/list_plans").then(), 406, "GW406");
    }
}
