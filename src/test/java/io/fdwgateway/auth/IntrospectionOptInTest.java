package io.fdwgateway.auth;

import static io.fdwgateway.support.Api.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.TestIssuer;
import io.fdwgateway.support.TestIssuerResource;
import io.fdwgateway.support.TestIssuerResource.InjectIssuer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * The configuration an operator gets by turning introspection back on (quarkus-oidc's own
 * defaults: keys loaded at start, a JWT whose key id is unknown introspected): the attack of a
 * forged JWT that the issuer's introspection endpoint calls active. The call goes through, as the
 * issuer vouched for the token, but the caller's claims are the issuer's answer, never the forged
 * payload.
 */
@QuarkusTest
@WithTestResource(value = TestIssuerResource.class, initArgs = {
        @ResourceArg(name = "introspection", value = "true"),
        @ResourceArg(name = "quarkus.oidc.jwks.resolve-early", value = "true"),
        @ResourceArg(name = "quarkus.oidc.token.allow-jwt-introspection", value = "true"),
        @ResourceArg(name = "quarkus.oidc.token.allow-opaque-token-introspection", value = "true")})
class IntrospectionOptInTest {

    @InjectIssuer
    TestIssuer issuer;

    private void issuerVouchesFor(String subject) {
        long exp = NumericDate.now().getValue() + 600;
        issuer.answerIntrospection("{\"active\":true,\"sub\":\"" + subject + "\",\"exp\":" + exp
                + ",\"iss\":\"" + issuer.issuer() + "\"}");
    }

    @Test
    void aForgedPayloadNeverBecomesTheCallersClaims() {
        issuerVouchesFor("alice");
        int introspections = issuer.introspectionCalls();
        String forged = issuer.sign("forged-key-id", c -> {
            c.setSubject("mallory");
            c.setStringClaim("role", "service_role");
            c.setStringClaim("tenant", "forged-tenant");
        });
        get(forged, "whoami").statusCode(200)
                .body("sub", equalTo("alice"))
                .body("role", equalTo("authenticated"))
                .body("claims.role", equalTo("authenticated"))
                .body("claims.tenant", nullValue())
                .body("claims.active", nullValue());
        assertTrue(issuer.introspectionCalls() > introspections, "the token went the introspection way");
    }

    @Test
    void anOpaqueTokenGetsTheClaimsOfTheIntrospectionAnswer() {
        issuerVouchesFor("opaque-user");
        get("an-opaque-access-token", "whoami").statusCode(200)
                .body("sub", equalTo("opaque-user"))
                .body("role", equalTo("authenticated"));
    }
}
