package io.fdwgateway.openapi;

import static io.restassured.RestAssured.given;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gateway.openapi.mode=disabled}: no document and no Swagger UI, for anyone; /rpc unchanged. */
@QuarkusTest
@TestProfile(OpenApiDisabledTest.Disabled.class)
class OpenApiDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.openapi.mode", "disabled");
        }
    }

    @Test
    void theDocumentAndSwaggerUiAnswer404() {
        String token = Tokens.withRole("service_role");
        for (String path : new String[] {"/q/openapi", "/q/openapi.json", "/q/openapi.yaml", "/q/swagger-ui",
            "/q/swagger-ui/", "/q/swagger-ui/index.html"}) {
            Api.problem(given().get(path).then(), 404, "GW404");
            Api.problem(given().header("Authorization", "Bearer " + token).get(path).then(), 404, "GW404");
        }
        given().get("/rpc/list_plans").then().statusCode(200);
    }
}
