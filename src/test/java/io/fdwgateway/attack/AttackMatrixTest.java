package io.fdwgateway.attack;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests an attacker would send. Each gets a clear 4xx, never a 5xx. Where a sloppy gateway
 * would resolve a trick to a real function (case folding, Unicode normalisation, a schema
 * prefix, path normalisation), the 404 shows the raw name never reached Postgres as an
 * identifier: only catalog names, quoted, ever do.
 */
@QuarkusTest
class AttackMatrixTest {

    private static final String ALICE = Tokens.forSubject("alice");

    // --- tokens (forged, unsigned and key-confusion tokens: TokenVerificationTest) -------

    @ParameterizedTest
    @ValueSource(strings = {"../../../../dev/null", "/etc/passwd", "' or 1=1 --", "http://127.0.0.1:1/jwks",
            "%2e%2e%2f", "\u0000", ""})
    void kidTricksWithAForeignKeyAreRefused(String kid) {
        invalidToken(Tokens.sign(Tokens.claims(c -> { }), Tokens.otherKey(kid), kid, AlgorithmIdentifiers.RSA_USING_SHA256));
    }

    @Test
    void jkuAndX5uHeadersPointingElsewhereAreIgnored() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(Tokens.claims(c -> { }).toJson());
        jws.setKey(Tokens.otherKey("attacker").getPrivateKey());
        jws.setKeyIdHeaderValue("attacker");
        jws.setHeader("jku", "http://127.0.0.1:1/jwks.json");
        jws.setHeader("x5u", "http://127.0.0.1:1/cert.pem");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        invalidToken(jws.getCompactSerialization());
    }

    @Test
    void oversizedGarbageTokenIsRefused() {
        invalidToken("a".repeat(12_000) + "." + "b".repeat(4_000) + "." + "c".repeat(300));
    }

    @Test
    void headersBeyondTheLimitAnswer431() {
        // Vert.x refuses these before any routing, without a body: outside the document's contract
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + "x".repeat(40_000))
                .get("/rpc/list_plans").then().statusCode(431);
        io.restassured.RestAssured.given().header("X-Padding", "p".repeat(40_000))
                .get("/rpc/list_plans").then().statusCode(431);
    }

    private static void invalidToken(String token) {
        problem(get(token, "whoami"), 401, "GW401-invalid-token").header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    // --- role claims (the other cases: RoleMappingHttpTest) -----------------------------

    @Test
    void roleArraysGrantOnlyAllowListedRoles() {
        get(Tokens.valid(c -> c.setClaim("role", List.of("postgres", "service_role"))), "whoami")
                .statusCode(200).body("role", equalTo("service_role"));
        get(Tokens.valid(c -> c.setClaim("role", List.of(1, 2, Map.of("a", "b")))), "whoami")
                .statusCode(200).body("role", equalTo("authenticated"));
    }

    // --- function names -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ｌｉｓｔ_plans", "List_Plans", "LIST_PLANS", "list_plans\"", "\"list_plans\"",
            "public.list_plans", "list_plans()", "list_plans;select 1", "list\u200Bplans", "list_plans%20",
            "lıst_plans", "internal_all_products", "stripe.internal_all_products", "invoker_decoy", "pg_sleep",
            "set_config", "version"})
    void trickNamesAre404(String name) {
        problem(Api.as(ALICE).get("/rpc/{f}", name).then(), 404, "GW404");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rpc/%2e", "/rpc/%2e%2e", "/rpc/list_plans%2e", "/rpc/%2elist_plans", "/rpc/list%2Eplans",
            "/rpc/public%2elist_plans", "/rpc/%2e%2e%2fstripe%2einternal_all_products", "/rpc/list_plans%00"})
    void encodedDotsAndNulsAreNotNames(String path) {
        int status = Api.as(ALICE).urlEncodingEnabled(false).get(path).then().extract().statusCode();
        assertTrue(status == 404 || status == 400, path + " answered " + status);
    }

    // --- arguments ----------------------------------------------------------------------

    @Test
    void duplicateQueryParametersAreRefused() {
        problem(Api.as(ALICE).queryParam("a", "1").queryParam("a", "2").get("/rpc/add").then(), 400,
                "GW400-invalid-argument");
    }

    @Test
    void duplicateJsonKeysAreRefused() {
        problem(post(ALICE, "add", "{\"a\": 1, \"a\": 2}"), 400, "GW400-body");
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        problem(post(ALICE, "echo_types", "{\"doc\": " + deep + "}"), 400, "GW400-body");
    }

    /** Vert.x refuses the body while reading it and closes the connection: a bare 413, before any routing. */
    @Test
    void hugeBodyAnswers413() {
        String huge = "{\"doc\": [\"" + "x".repeat(2_000_000) + "\"]}";
        post(ALICE, "echo_types", huge).statusCode(413);
    }

    @Test
    void hugeNumbersAreClientErrors() {
        problem(post(ALICE, "echo_types", "{\"n\": " + "9".repeat(5_000) + "}"), 400, "GW400-body");
        post(ALICE, "echo_types", "{\"i\": 1e1000000}").statusCode(400);
        post(ALICE, "echo_types", "{\"n\": 1e1000000}").statusCode(400);
    }

    @Test
    void overloadsRefuseArgumentsThatFitNone() {
        problem(post(ALICE, "lookup", Map.of("id", 1, "name", "x")), 400, "GW400-unknown-argument");
        problem(post(ALICE, "lookup", Map.of("id", "not a number")), 400, "22P02");
    }

    @Test
    void variadicTakesTheWholeArrayByName() {
        post(ALICE, "join_words", Map.of("separator", "-", "words", List.of("a", "b", "c"))).statusCode(200)
                .body(equalTo("\"a-b-c\""));
        Api.as(ALICE).queryParam("separator", "+").queryParam("words", "{x,y}").get("/rpc/join_words").then()
                .statusCode(200).body(equalTo("\"x+y\""));
        problem(post(ALICE, "join_words", Map.of("separator", "-", "words", "a")), 400, "22P02");
        problem(post(ALICE, "join_words", Map.of("separator", "-", "words", Map.of("a", 1))), 400, "22P02");
        problem(post(ALICE, "join_words", Map.of("separator", "-")), 400, "GW400-missing-argument");
    }

    @Test
    void bodyMustBeAJsonObject() {
        for (String body : new String[] {"[]", "1", "\"a\"", "null", "{", "{\"a\":1} {\"a\":2}"}) {
            problem(Api.as(ALICE).contentType(ContentType.JSON).body(body).post("/rpc/add").then(), 400, "GW400-body");
        }
    }
}
