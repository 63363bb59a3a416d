package io.fdwgateway.auth;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.equalTo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * Tokens are verified by quarkus-oidc against the local issuer's discovery document and JWKS
 * endpoint. Every forged or stale token answers 401 with WWW-Authenticate: Bearer
 * error="invalid_token", and never reaches Postgres.
 */
@QuarkusTest
class TokenVerificationTest {

    @Inject
    VerifiedTokenCache cache;

    private static void refused(String token) {
        problem(get(token, "whoami"), 401, "GW401-invalid-token")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Test
    void validTokenIsAccepted() {
        get(Tokens.forSubject("carol"), "whoami").statusCode(200)
                .body("sub", equalTo("carol"))
                .body("role", equalTo("authenticated"));
    }

    @Test
    void expiredTokenIsRefused() {
        refused(Tokens.valid(c -> c.setExpirationTime(Tokens.minutesFromNow(-10))));
    }

    @Test
    void notYetValidTokenIsRefused() {
        refused(Tokens.valid(c -> c.setNotBefore(Tokens.minutesFromNow(10))));
    }

    @Test
    void wrongIssuerIsRefused() {
        refused(Tokens.valid(c -> c.setIssuer("https://evil.example/realms/dev")));
    }

    @Test
    void wrongAudienceIsRefused() {
        refused(Tokens.valid(c -> c.setAudience("some-other-api")));
    }

    @Test
    void tokenSignedWithAnotherKeyUnderTheIssuersKidIsRefused() {
        JwtClaims claims = Tokens.claims(c -> { });
        refused(Tokens.sign(claims, Tokens.otherKey("x"), Tokens.issuerKey().getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256));
    }

    @Test
    void unknownKidIsRefused() {
        JwtClaims claims = Tokens.claims(c -> { });
        refused(Tokens.sign(claims, Tokens.otherKey("unknown-kid"), "unknown-kid", AlgorithmIdentifiers.RSA_USING_SHA256));
    }

    @Test
    void unsignedAlgNoneIsRefused() {
        refused(Tokens.unsigned(Tokens.claims(c -> c.setStringClaim("role", "service_role"))));
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() {
        refused(Tokens.hmacWithPublicKey(Tokens.claims(c -> c.setStringClaim("role", "service_role"))));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = Tokens.forSubject("alice").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"alice\"", "\"sub\":\"bob\",\"role\":\"service_role\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(forged);
    }

    @Test
    void garbageIsRefused() {
        refused("not-a-token");
        refused("a.b.c");
    }

    @Test
    void noTokenFallsBackToTheAnonymousRole() {
        get(null, "whoami").statusCode(200).body("role", equalTo("anon")).body("sub", equalTo(null));
    }

    @Test
    void otherAuthorizationSchemesAreRefusedNotIgnored() {
        problem(Api.as(null).header("Authorization", "Basic YWxpY2U6c2VjcmV0").get("/rpc/whoami").then(),
                401, "GW401-invalid-token");
        problem(Api.as(null).header("Authorization", "Bearer").get("/rpc/whoami").then(), 401, "GW401-invalid-token");
    }

    @Test
    void spellingsOfOneTokenShareOneCacheEntry() {
        String token = Tokens.forSubject("erin");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String head = token.substring(0, token.lastIndexOf('.') + 1);
        String padded = head + Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(signature));
        String standardAlphabet = head + signature.replace('-', '+').replace('_', '/');

        VerifiedTokenCache.Statistics before = cache.statistics();
        for (String spelling : new String[] {token, padded, standardAlphabet, token}) {
            get(spelling, "whoami").statusCode(200).body("sub", equalTo("erin"));
        }
        VerifiedTokenCache.Statistics after = cache.statistics();
        assertEquals(1, after.misses() - before.misses(), "verified once");
        // three hits and one miss: every other spelling found the first one's entry (the cache's
        // size is no measure here: entries of earlier tests expire meanwhile)
        assertEquals(3, after.hits() - before.hits(), "every other spelling is the same entry");
    }

    @Test
    void refusalsAreLoggedWithTheirReasonUnderTheRequestIdWithoutTheToken() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("audience", Tokens.valid(c -> c.setAudience("some-other-api")));
        tokens.put("issuer", Tokens.valid(c -> c.setIssuer("https://evil.example/realms/dev")));
        tokens.put("expired", Tokens.valid(c -> c.setExpirationTime(Tokens.minutesFromNow(-10))));
        tokens.put("signature", Tokens.sign(Tokens.claims(c -> { }), Tokens.otherKey("x"), Tokens.issuerKey().getKeyId(),
                AlgorithmIdentifiers.RSA_USING_SHA256));
        tokens.put("malformed", "not-a-token");
        for (Map.Entry<String, String> entry : tokens.entrySet()) {
            int mark = GatewayLog.mark();
            String requestId = problem(get(entry.getValue(), "whoami"), 401, "GW401-invalid-token")
                    .extract().header("X-Request-Id");
            String log = GatewayLog.since(mark);
            assertTrue(log.contains("[" + requestId + "] bearer token refused (" + entry.getKey() + ")"), log);
            assertFalse(log.contains(entry.getValue()), "no token text in the log");
        }
    }

    @Test
    void clockSkewIsNotAnExcuseForLongExpiredTokens() {
        NumericDate longAgo = NumericDate.fromSeconds(NumericDate.now().getValue() - 3600);
        refused(Tokens.valid(c -> {
            c.setIssuedAt(longAgo);
            c.setExpirationTime(NumericDate.fromSeconds(longAgo.getValue() + 60));
        }));
    }
}
