package io.fdwgateway.http;

import static io.fdwgateway.support.Api.post;
import static io.fdwgateway.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.logging.RequestIds;
import io.fdwgateway.support.Api;
import io.fdwgateway.support.Management;
import io.fdwgateway.support.RawHttp;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a request's URL and verb make of it: dot segments are resolved before routing and
 * the function sees the path that was routed; URLs that do not decode, or hide dots, are
 * refused with problem+json; OPTIONS and every 405 name only the verbs the function serves;
 * {@code GET /} is an index.
 */
@QuarkusTest
class RoutingTest {

    private static final String ALICE = Tokens.forSubject("alice");

    @ParameterizedTest
    @ValueSource(strings = {"/rpc/x/../whoami", "/rpc/./whoami", "/rpc/%77hoami", "/rpc/../rpc/whoami",
            "/rpc/list_plans/../whoami", "/rpc//x/../../rpc/whoami", "/rpc/whoami/", "/rpc/whoami/x/.."})
    void dotSegmentsAreResolvedAndTheFunctionSeesTheRoutedPath(String target) {
        RawHttp.Answer answer = RawHttp.send("GET", target, "");
        assertEquals(200, answer.status(), target + ": " + answer.body());
        JsonObject whoami = new JsonObject(answer.body());
        assertEquals("/rpc/whoami", whoami.getString("path"), target);
        assertEquals("GET", whoami.getString("method"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rpc/x/../nope", "/rpc/whoami/..", "/rpc/whoami/../../rpc", "/rpc/whoami/x/y/.."})
    void aResolvedPathThatNamesNoFunctionIs404(String target) {
        RawHttp.Answer answer = RawHttp.send("GET", target, "");
        assertEquals(404, answer.status(), target + ": " + answer.body());
        assertProblem(answer, "GW404");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rpc/%zz", "/rpc/add?a=%zz", "/rpc/add?a=%", "/rpc/add?a=%4", "/rpc/wh%oami",
            "/q/openapi?format=%zz", "/nothing/%zz", "/%zz", "/rpc/add?a=1&%zz=2"})
    void malformedPercentEncodingIs400ProblemJson(String target) {
        RawHttp.Answer answer = RawHttp.send("GET", target, "Authorization: Bearer " + ALICE + "\r\n");
        assertEquals(400, answer.status(), target + ": " + answer.body());
        assertProblem(answer, "GW400-url");
    }

    /** Escapes that are well formed but decode to no UTF-8 text: refused or unknown, always problem+json. */
    @ParameterizedTest
    @ValueSource(strings = {"/rpc/%FF", "/rpc/%C3%28", "/rpc/add%E2%82", "/rpc/add?a=%FF", "/rpc/add?%C3%28=1"})
    void escapesThatAreNotUtf8AreClientErrors(String target) {
        RawHttp.Answer answer = RawHttp.send("GET", target, "Authorization: Bearer " + ALICE + "\r\n");
        assertTrue(answer.status() >= 400 && answer.status() < 500, target + ": " + answer);
        assertEquals("application/problem+json", answer.header("Content-Type"), target + ": " + answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rpc/a|b", "/rpc/a^b", "/rpc/a`b", "/rpc/add?a={1}"})
    void urlsThatDoNotParseAre400ProblemJson(String target) {
        RawHttp.Answer answer = RawHttp.send("GET", target, "");
        assertEquals(400, answer.status(), target + ": " + answer.body());
        assertProblem(answer, "GW400-url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rpc/%2e%2e/rpc/whoami", "/rpc/%2E/whoami", "/rpc/x/%2e%2e/whoami", "/rpc/.%2e/q/health"})
    void dotsHiddenByPercentEncodingAreRefused(String target) {
        RawHttp.Answer answer = RawHttp.send("GET", target, "");
        assertEquals(400, answer.status(), target + ": " + answer.body());
        assertProblem(answer, "GW400-url");
    }

    @ParameterizedTest
    @CsvSource({"add, 'GET, HEAD, POST'", "list_plans, 'GET, HEAD, POST'", "lookup, 'GET, HEAD, POST'",
        "record_event, POST", "log_visit, POST"})
    void optionsListsTheVerbsServedForTheFunction(String function, String allow) {
        given().options("/rpc/" + function).then().statusCode(204).header("Allow", allow)
                .header(RequestIds.HEADER, org.hamcrest.Matchers.notNullValue()).body(emptyString());
        // the same verbs as a 405 names
        problem(Api.as(ALICE).put("/rpc/" + function).then(), 405, "GW405").header("Allow", allow);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no_such_function", "invoker_decoy", "internal_all_products", "ADD"})
    void optionsOnAFunctionThatIsNotServedIs404(String function) {
        problem(Api.as(null).options("/rpc/{f}", function).then(), 404, "GW404");
    }

    @Test
    void aReadOnlyFunctionThatWritesAnswers405WithAllow() {
        problem(post(ALICE, "raise_error", Map.of("sqlstate", "25006")), 405, "25006").header("Allow", "GET, HEAD, POST");
    }

    @Test
    void verbsNoFunctionTakesAnswer405WithTheFunctionsVerbs() {
        RawHttp.Answer propfind = RawHttp.send("PROPFIND", "/rpc/record_event", "");
        assertEquals(405, propfind.status());
        assertEquals("POST", propfind.header("Allow"));
        assertProblem(propfind, "GW405");
        assertEquals(404, RawHttp.send("PROPFIND", "/rpc/no_such_function", "").status());
    }

    /** A body that is never read does not stop the next request on the same connection. */
    @Test
    void unreadBodiesDoNotStallTheConnection() throws Exception {
        String unread = "PUT /rpc/add HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "OPTIONS /rpc/add HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
                + "GET /%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /rpc/add?a=1&b=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        java.net.URI base = RawHttp.base();
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(unread.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.List<String> statuses = java.util.regex.Pattern.compile("HTTP/1\\.1 [0-9]{3}[^\r\n]*")
                    .matcher(answers).results().map(java.util.regex.MatchResult::group).toList();
            assertEquals(java.util.List.of("HTTP/1.1 405 Method Not Allowed", "HTTP/1.1 204 No Content",
                    "HTTP/1.1 400 Bad Request", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"), statuses, answers);
            assertTrue(answers.endsWith("\r\n\r\n3"), answers);
        }
    }

    @Test
    void headIsGetWithoutABody() {
        given().head("/rpc/list_plans").then().statusCode(200)
                .contentType(startsWith("application/json")).body(emptyString());
        given().queryParam("kind", "x").head("/rpc/record_event").then().statusCode(405).header("Allow", "POST").body(emptyString());
    }

    @Test
    void rootIsAnIndexOfWhatTheGatewayServes() {
        JsonObject index = new JsonObject(given().get("/").then().statusCode(200)
                .contentType("application/json; charset=utf-8").extract().asString());
        assertEquals("/rpc/{function}", index.getString("functions"));
        assertNotNull(index.getString("openapi"));
        given().get(index.getString("openapi")).then().statusCode(200);
        given().get(index.getString("functions").replace("{function}", "list_plans")).then().statusCode(200);
        given().head("/").then().statusCode(200).body(emptyString());
        problem(Api.as(null).post("/").then(), 404, "GW404");
    }

    @Test
    void healthIsNotLinkedFromTheIndex() {
        JsonObject index = new JsonObject(given().get("/").then().statusCode(200).extract().asString());
        assertNull(index.getString("health"), "health is on the management interface");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics"})
    void healthAndMetricsAreOnlyOnTheManagementInterface(String path) {
        given().get(path).then().statusCode(404);
        Management.given().get(path).then().statusCode(200);
    }

    @Test
    void theManagementInterfaceServesProbesAndPrometheus() {
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems("schema-cache", "identity-provider"));
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("# TYPE "));
        Management.given().get("/rpc/list_plans").then().statusCode(404);
    }

    @Test
    void quarkusOwnPagesStillAnswer() {
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(startsWith("text/html"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("openapi", startsWith("3.1"));
    }

    private static void assertProblem(RawHttp.Answer answer, String code) {
        assertEquals("application/problem+json", answer.header("Content-Type"), answer.toString());
        JsonObject problem = new JsonObject(answer.body());
        assertEquals(code, problem.getString("code"));
        assertEquals(answer.status(), problem.getInteger("status"));
        assertEquals(answer.header(RequestIds.HEADER), problem.getString("requestId"));
    }
}
