package io.fdwgateway.role;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.startup.RunMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Builds the {@link RoleResolver} from {@code gateway.role.*}. The settings are checked when the
 * gateway starts serving, before anything else, so a bad value stops start-up with a message
 * naming its key instead of failing the first call.
 */
@Singleton
public class RoleResolverProducer {

    private static final Logger LOG = Logger.getLogger(RoleResolverProducer.class);

    @Produces
    @Singleton
    RoleResolver roleResolver(GatewayConfig config) {
        return new RoleResolver(rules(config.role()));
    }

    void checkAtStart(@Observes @Priority(10) StartupEvent event, Instance<RoleResolver> resolver) {
        // building the resolver validates the settings; the audit command resolves no role
        if (RunMode.serving()) {
            resolver.get();
        }
    }

    static RoleResolver.RoleRules rules(GatewayConfig.RoleConfig role) {
        try {
            return new RoleResolver.RoleRules(role.claim(), role.defaultRole(), role.anonymous(), role.allowed(),
                    role.mapping());
        } catch (IllegalArgumentException e) {
            String message = "refusing to start: " + e.getMessage();
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }
}
