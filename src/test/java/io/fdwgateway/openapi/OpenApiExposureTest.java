package io.fdwgateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code gateway.openapi.mode=follow-privileges} against the reference database: each caller's
 * {@code /q/openapi} describes what its role may EXECUTE (Postgres' own answer), resolved from
 * the token as {@code /rpc} does.
 */
@QuarkusTest
@TestProfile(OpenApiExposureTest.FollowPrivileges.class)
class OpenApiExposureTest {

    public static class FollowPrivileges implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.openapi.mode", "follow-privileges");
        }
    }

    @Test
    void anonymousAuthenticatedAndServiceRoleSeeWhatTheyMayCall() {
        Set<String> anon = paths(given());
        Set<String> authenticated = paths(given().header("Authorization", "Bearer " + Tokens.forSubject("doc-reader")));
        Set<String> service = paths(given().header("Authorization", "Bearer " + Tokens.withRole("service_role")));

        assertEquals(Set.of("/rpc/add", "/rpc/list_plans", "/rpc/whoami"), anon, "anon may execute these three only");
        assertThat(authenticated, hasItems("/rpc/add", "/rpc/record_event", "/rpc/slow", "/rpc/lookup", "/rpc/pick"));
        assertThat(authenticated, not(hasItems("/rpc/admin_stats")));
        assertThat(service, hasItems("/rpc/admin_stats", "/rpc/record_event"));
        assertTrue(authenticated.containsAll(anon));
        assertTrue(service.size() > anon.size());
    }

    @Test
    void theSameRoleGetsTheSameDocumentAndARefusedCallerNone() {
        String token = Tokens.forSubject("doc-reader-2");
        String first = given().header("Authorization", "Bearer " + token).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        String second = given().header("Authorization", "Bearer " + Tokens.forSubject("doc-reader-3"))
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertEquals(new JsonObject(first).getJsonObject("paths"), new JsonObject(second).getJsonObject("paths"));

        given().header("Authorization", "Bearer not-a-token").get("/q/openapi").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + Tokens.withRole("postgres")).get("/q/openapi").then()
                .statusCode(403).contentType("application/problem+json");
        given().get("/q/openapi.json").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static Set<String> paths(RequestSpecification request) {
        String json = request.queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        return new JsonObject(json).getJsonObject("paths").fieldNames();
    }
}
