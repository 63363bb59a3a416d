package io.fdwgateway.auth;

import static io.fdwgateway.auth.AudienceRequirement.Outcome.FINE;
import static io.fdwgateway.auth.AudienceRequirement.Outcome.REFUSE;
import static io.fdwgateway.auth.AudienceRequirement.Outcome.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.LaunchMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule; {@code ProdStartupIT} proves the packaged jar applies it. */
class AudienceRequirementTest {

    private static final Optional<List<String>> UNSET = Optional.empty();

    @Test
    void productionRefusesToStartWithoutAnAudience() {
        assertEquals(REFUSE, AudienceRequirement.check(LaunchMode.NORMAL, UNSET, false));
        assertEquals(REFUSE, AudienceRequirement.check(LaunchMode.NORMAL, Optional.of(List.of("any")), false),
                "quarkus-oidc's 'any' is not a deliberate choice in the gateway's terms");
        assertEquals(REFUSE, AudienceRequirement.check(LaunchMode.NORMAL, Optional.of(List.of(" ")), false));
        assertEquals(FINE, AudienceRequirement.check(LaunchMode.NORMAL, Optional.of(List.of("my-api")), false));
    }

    @Test
    void allowingAnyAudienceIsExplicitAndWarned() {
        assertEquals(WARN, AudienceRequirement.check(LaunchMode.NORMAL, UNSET, true));
        assertEquals(WARN, AudienceRequirement.check(LaunchMode.TEST, UNSET, true));
        assertEquals(FINE, AudienceRequirement.check(LaunchMode.NORMAL, Optional.of(List.of("my-api")), true));
    }

    @Test
    void devAndTestDoNotRequireIt() {
        assertEquals(FINE, AudienceRequirement.check(LaunchMode.DEVELOPMENT, UNSET, false));
        assertEquals(FINE, AudienceRequirement.check(LaunchMode.TEST, UNSET, false));
    }

    @Test
    void theMessageNamesTheKeys() {
        assertTrue(AudienceRequirement.REFUSAL.contains("quarkus.oidc.token.audience"));
        assertTrue(AudienceRequirement.REFUSAL.contains("gateway.auth.allow-any-audience"));
    }

    @Test
    void everyNamedTenantIsFound() {
        assertEquals(java.util.Set.of("partner", "\"auth0.eu\""), AudienceRequirement.namedTenants(List.of(
                "quarkus.oidc.auth-server-url", "quarkus.oidc.partner.auth-server-url",
                "quarkus.oidc.partner.token.audience", "quarkus.oidc.\"auth0.eu\".auth-server-url",
                "quarkus.oidc.token.audience")));
    }
}
