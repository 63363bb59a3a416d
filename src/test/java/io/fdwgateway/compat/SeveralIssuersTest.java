package io.fdwgateway.compat;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.support.Api;
import io.fdwgateway.support.TestIssuer;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two issuers at once: the default quarkus-oidc tenant (the local issuer of the test profile)
 * and a named tenant {@code partner} ({@link TestIssuer} on its own port), chosen by the token's
 * {@code iss} ({@code quarkus.oidc.resolve-tenants-with-issuer=true}). The partner's tokens are
 * resolved with {@code gateway.tenants.partner.role.*}, every other token with
 * {@code gateway.role.*}; signatures are checked against each issuer's own key set.
 */
@QuarkusTest
@WithTestResource(SeveralIssuersTest.PartnerIssuer.class)
class SeveralIssuersTest {

    static final String CLAIM = "https://partner.example/roles";

    /** Starts the partner issuer and names it as tenant {@code partner}, with its role rules. */
    public static class PartnerIssuer implements QuarkusTestResourceLifecycleManager {
        static volatile TestIssuer issuer;

        @Override
        public Map<String, String> start() {
            issuer = TestIssuer.create(false).start();
            return Map.of(
                    "quarkus.oidc.resolve-tenants-with-issuer", "true",
                    "quarkus.oidc.partner.auth-server-url", issuer.issuer(),
                    "quarkus.oidc.partner.token.audience", TestIssuer.AUDIENCE,
                    "quarkus.oidc.partner.application-type", "service",
                    "gateway.tenants.partner.role.claim", CLAIM,
                    "gateway.tenants.partner.role.mapping.editor", "service_role");
        }

        @Override
        public void stop() {
            issuer.close();
        }
    }

    @Test
    void thePartnersTokensFollowThePartnersRules() {
        String editor = PartnerIssuer.issuer.sign("key-1", c -> c.setClaim(CLAIM, List.of("viewer", "editor")));
        Api.get(editor, "whoami").statusCode(200).body("role", equalTo("service_role")).body("sub", equalTo("alice"));
        // the global claim means nothing in the partner's tokens: its own claim is absent, so the default
        String globalClaim = PartnerIssuer.issuer.sign("key-1", c -> c.setClaim("role", "service_role"));
        Api.get(globalClaim, "whoami").statusCode(200).body("role", equalTo("authenticated"));
    }

    @Test
    void theDefaultIssuersTokensFollowTheGlobalRules() {
        Api.get(Tokens.withRole("service_role"), "whoami").statusCode(200).body("role", equalTo("service_role"));
        // the partner's claim and mapping mean nothing in the default issuer's tokens
        String partnerClaim = Tokens.valid(c -> c.setClaim(CLAIM, List.of("editor")));
        Api.get(partnerClaim, "whoami").statusCode(200).body("role", equalTo("authenticated"));
        // global mapping still applies to the default issuer
        Api.get(Tokens.withRole("realm-admin"), "whoami").statusCode(200).body("role", equalTo("service_role"));
    }

    @Test
    void eachIssuerSignsOnlyForItself() {
        // the partner's issuer with a key only the partner does not publish: a forgery
        Api.problem(Api.get(PartnerIssuer.issuer.sign("unpublished"), "whoami"), 401, ErrorCode.INVALID_TOKEN);
        // a token claiming the default issuer, signed with the partner's key
        String crossed = PartnerIssuer.issuer.sign("key-1", c -> c.setIssuer(Tokens.issuer()));
        Api.problem(Api.get(crossed, "whoami"), 401, ErrorCode.INVALID_TOKEN);
        // a role outside the allow-list is still refused for the partner
        String postgres = PartnerIssuer.issuer.sign("key-1", c -> c.setClaim(CLAIM, "postgres"));
        Api.problem(Api.get(postgres, "whoami"), 403, ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void tenantRulesAreCheckedAtStart() {
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> io.fdwgateway.role.RoleResolverProducerAccess.tenantRules("typo", false, Map.of()));
        assertTrue(unknown.getMessage().contains("gateway.tenants.\"typo\".role names no quarkus-oidc tenant"),
                unknown.getMessage());
        IllegalStateException outside = assertThrows(IllegalStateException.class,
                () -> io.fdwgateway.role.RoleResolverProducerAccess.tenantRules("partner", true, Map.of("x", "postgres")));
        assertTrue(outside.getMessage().contains("gateway.tenants.\"partner\".role.mapping.\"x\" (postgres)"),
                outside.getMessage());
    }
}
