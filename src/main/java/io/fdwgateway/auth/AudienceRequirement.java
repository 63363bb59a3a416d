package io.fdwgateway.auth;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.startup.RunMode;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Without {@code quarkus.oidc.token.audience}, quarkus-oidc accepts a token the identity provider
 * issued to any of its clients, for any API: in production that must be a deliberate choice.
 * Checked before anything else at start, and only when serving (the {@code audit} command
 * verifies no token).
 */
@Singleton
public class AudienceRequirement {

    private static final Logger LOG = Logger.getLogger(AudienceRequirement.class);
    /** quarkus-oidc's own spelling of "accept every audience": not a deliberate choice here. */
    private static final String QUARKUS_ANY = "any";
    private static final Pattern TENANT_URL = Pattern.compile("quarkus\\.oidc\\.([^.\"]+|\"[^\"]+\")\\.auth-server-url");

    static final String REFUSAL = "refusing to start: quarkus.oidc.token.audience is not set, so tokens the identity "
            + "provider issued to any of its clients would be accepted. Set quarkus.oidc.token.audience "
            + "(QUARKUS_OIDC_TOKEN_AUDIENCE) to the audience of this API, or set gateway.auth.allow-any-audience=true "
            + "(GATEWAY_AUTH_ALLOW_ANY_AUDIENCE) to accept any audience deliberately";
    static final String WARNING = "gateway.auth.allow-any-audience=true: quarkus.oidc.token.audience is not set, so "
            + "tokens the identity provider issued to any of its clients are accepted";

    /** What start-up does about the audience setting. */
    enum Outcome { FINE, WARN, REFUSE }

    private final Optional<List<String>> audience;
    private final GatewayConfig config;

    public AudienceRequirement(@ConfigProperty(name = "quarkus.oidc.token.audience") Optional<List<String>> audience,
                               GatewayConfig config) {
        this.audience = audience;
        this.config = config;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (!RunMode.serving()) {
            return;
        }
        decide(check(LaunchMode.current(), audience, config.auth().allowAnyAudience()), "");
        // every other issuer (a named quarkus-oidc tenant) needs its own audience, for the same reason
        Config all = ConfigProvider.getConfig();
        for (String tenant : namedTenants(all.getPropertyNames())) {
            Optional<List<String>> tenantAudience = all.getOptionalValues(
                    "quarkus.oidc." + tenant + ".token.audience", String.class);
            decide(check(LaunchMode.current(), tenantAudience, config.auth().allowAnyAudience()), tenant);
        }
    }

    private static void decide(Outcome outcome, String tenant) {
        String named = tenant.isEmpty() ? "" : "quarkus.oidc." + tenant + ".";
        switch (outcome) {
            case REFUSE -> {
                String refusal = REFUSAL.replace("quarkus.oidc.token.audience", named.isEmpty()
                        ? "quarkus.oidc.token.audience" : named + "token.audience");
                LOG.error(refusal);
                throw new IllegalStateException(refusal);
            }
            case WARN -> LOG.warn(tenant.isEmpty() ? WARNING : WARNING.replace("quarkus.oidc.token.audience",
                    named + "token.audience"));
            case FINE -> { }
        }
    }

    /** The named quarkus-oidc tenants: every {@code quarkus.oidc.<tenant>.auth-server-url} set. */
    static Set<String> namedTenants(Iterable<String> propertyNames) {
        Set<String> tenants = new TreeSet<>();
        for (String name : propertyNames) {
            Matcher m = TENANT_URL.matcher(name);
            if (m.matches()) {
                tenants.add(m.group(1));
            }
        }
        return tenants;
    }

    static Outcome check(LaunchMode mode, Optional<List<String>> audience, boolean allowAnyAudience) {
        boolean set = audience.map(list -> list.stream().anyMatch(a -> !a.isBlank() && !QUARKUS_ANY.equals(a)))
                .orElse(false);
        if (set) {
            return Outcome.FINE;
        }
        if (allowAnyAudience) {
            return Outcome.WARN;
        }
        return mode.isProduction() ? Outcome.REFUSE : Outcome.FINE;
    }
}
