package io.fdwgateway.auth;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.equalTo;

import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With gateway.role.anonymous unset, a request without a token is refused before any lookup. */
@QuarkusTest
@TestProfile(AnonymousDisabledTest.NoAnonymous.class)
class AnonymousDisabledTest {

    public static class NoAnonymous implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // an empty value unsets the %test profile's anon role
            return Map.of("gateway.role.anonymous", "", "gateway.role.claim", "realm_access.roles",
                    "gateway.auth.publishable-keys", PUBLISHABLE_KEY);
        }
    }

    static final String PUBLISHABLE_KEY = "sb_publishable_anonymous_off";

    @Test
    void aPublishableKeyIsNoIdentity() {
        problem(get(PUBLISHABLE_KEY, "list_plans"), 401, "GW401-missing-token").header("WWW-Authenticate", "Bearer");
    }

    @Test
    void noTokenIs401WithBearerChallenge() {
        problem(get(null, "list_plans"), 401, "GW401-missing-token").header("WWW-Authenticate", "Bearer");
        problem(get(null, "no_such_function"), 401, "GW401-missing-token");
    }

    @Test
    void nestedArrayClaimIsReadByItsDottedPath() {
        String token = Tokens.valid(c -> c.setClaim("realm_access", Map.of("roles", java.util.List.of("service_role"))));
        get(token, "whoami").statusCode(200).body("role", equalTo("service_role"));
        get(Tokens.forSubject("dave"), "whoami").statusCode(200).body("role", equalTo("authenticated"));
    }
}
