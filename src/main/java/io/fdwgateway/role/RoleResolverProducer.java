package io.fdwgateway.role;

import io.fdwgateway.config.GatewayConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the {@link RoleResolver} from {@code gateway.role.*}; invalid settings stop start-up. */
public class RoleResolverProducer {

    @Produces
    @Singleton
    RoleResolver roleResolver(GatewayConfig config) {
        GatewayConfig.RoleConfig role = config.role();
        return new RoleResolver(new RoleResolver.RoleRules(role.claim(), role.defaultRole(), role.anonymous(),
                role.allowed(), role.mapping()));
    }
}
