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
        switch (check(LaunchMode.current(), audience, config.auth().allowAnyAudience())) {
            case REFUSE -> {
                LOG.error(REFUSAL);
                throw new IllegalStateException(REFUSAL);
            }
            case WARN -> LOG.warn(WARNING);
            case FINE -> { }
        }
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
