package io.fdwgateway.auth;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.TestIssuer;
import io.fdwgateway.support.TestIssuerResource;
import io.fdwgateway.support.TestIssuerResource.InjectIssuer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The identity provider is down when the gateway starts, comes back, and goes down again. Its
 * discovery document also advertises an introspection endpoint, and the gateway has client
 * credentials: the conditions under which quarkus-oidc would introspect a token.
 */
@QuarkusTest
@WithTestResource(value = TestIssuerResource.class, initArgs = {
        @ResourceArg(name = "down", value = "true"),
        @ResourceArg(name = "introspection", value = "true")})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityProviderOutageTest {

    @InjectIssuer
    TestIssuer issuer;

    @Inject
    SmallRyeHealthReporter health;

    @Test
    @Order(1)
    void issuerDownAtStartAnswers503ThenTokensVerifyOnceItIsBackWithoutRestart() {
        int mark = GatewayLog.mark();
        String requestId = problem(get(issuer.sign("key-1"), "whoami"), 503, "GW503-idp-unavailable")
                .header("Retry-After", "5")
                .extract().header("X-Request-Id");
        assertTrue(GatewayLog.since(mark).contains("[" + requestId + "] bearer token refused (idp_unavailable)"));
        // anonymous calls do not need the identity provider
        get(null, "whoami").statusCode(200).body("role", equalTo("anon"));

        JsonObject down = readinessCheck("identity-provider");
        assertEquals("UP", down.getString("status"), "an unreachable identity provider does not make the gateway unready");
        assertEquals(false, down.getJsonObject("data").getBoolean("discovered"));
        assertEquals("UP", health.getReadiness().getPayload().getString("status"));

        issuer.start();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                get(issuer.sign("key-1"), "whoami").statusCode(200).body("sub", equalTo("alice")));
        JsonObject up = readinessCheck("identity-provider").getJsonObject("data");
        assertEquals(true, up.getBoolean("discovered"), up.toString());
        assertEquals(true, up.getBoolean("reachable"), up.toString());
        assertEquals(1, up.getJsonNumber("keySetKeys").intValue(), up.toString());
    }

    @Test
    @Order(2)
    void forgedTokenIsRefusedAndNeverIntrospectedThoughTheIssuerWouldCallItActive() {
        issuer.start();
        issuer.answerIntrospection("{\"active\":true,\"sub\":\"mallory\",\"role\":\"service_role\"}");
        // each forged token names a key the issuer never published; once the gateway has looked the
        // key up in a freshly fetched key set (the point where quarkus-oidc would introspect), stop
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            int before = issuer.keySetCalls();
            String kid = "forged-" + UUID.randomUUID();
            String forged = issuer.sign(kid, c -> {
                c.setSubject("mallory");
                c.setStringClaim("role", "service_role");
            });
            problem(get(forged, "whoami"), 401, "GW401-invalid-token");
            return issuer.keySetCalls() > before;
        });
        assertEquals(0, issuer.introspectionCalls(), "the introspection endpoint must never be asked");
    }

    @Test
    @Order(3)
    void whileTheKeySetIsDownKnownKeysVerifyAndUnknownKeysAnswer503() {
        issuer.start();
        get(issuer.sign("key-1"), "whoami").statusCode(200);
        issuer.stop();
        try {
            // a new token (not in the verified-token cache) under the key fetched before the outage
            get(issuer.sign("key-1", c -> c.setSubject("bob")), "whoami").statusCode(200).body("sub", equalTo("bob"));
            String unknownKey = issuer.sign("rotated-in-during-the-outage");
            // within moments of a successful fetch an unknown key id is refused as not the issuer's
            // (401); after that the gateway asks the key set, cannot reach it, and answers 503
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    get(unknownKey, "whoami").statusCode(in(List.of(401, 503))).statusCode(503));
            problem(get(unknownKey, "whoami"), 503, "GW503-idp-unavailable").header("Retry-After", "5");
            get(issuer.sign("key-1", c -> c.setSubject("carol")), "whoami").statusCode(200);
            assertEquals(false, readinessCheck("identity-provider").getJsonObject("data").getBoolean("reachable"));
            assertEquals("UP", health.getReadiness().getPayload().getString("status"));
        } finally {
            issuer.start();
        }
        issuer.addKey("rotated-in-during-the-outage");
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                get(issuer.sign("rotated-in-during-the-outage"), "whoami").statusCode(200));
    }

    private JsonObject readinessCheck(String name) {
        return health.getReadiness().getPayload().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no readiness check " + name));
    }
}
