package io.fdwgateway.role;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.startup.RunMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.ConfigProvider;
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
        RoleResolver.RoleRules global = rules(config.role());
        Map<String, RoleResolver.RoleRules> tenants = new TreeMap<>();
        config.tenants().forEach((tenant, overrides) -> tenants.put(tenant,
                tenantRules(tenant, global, overrides.role(), ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.oidc." + tenant + ".auth-server-url", String.class).isPresent())));
        return new RoleResolver(global, tenants);
    }

    /**
     * A tenant's rules: its overrides on top of the global ones, checked like them.
     *
     * @param configured whether {@code quarkus.oidc.<tenant>.auth-server-url} is set: rules for a
     *                   tenant that does not exist would silently never apply (a typo)
     */
    static RoleResolver.RoleRules tenantRules(String tenant, RoleResolver.RoleRules global,
                                              GatewayConfig.TenantRoleConfig role, boolean configured) {
        String key = "gateway.tenants.\"" + tenant + "\".role";
        try {
            if (!configured) {
                throw new IllegalArgumentException(key + " names no quarkus-oidc tenant: quarkus.oidc." + tenant
                        + ".auth-server-url is not set");
            }
            return new RoleResolver.RoleRules(role.claim().orElse(global.claim()),
                    role.defaultRole().orElse(global.defaultRole()), global.anonymous(), global.allowed(),
                    role.mapping().isEmpty() ? global.mapping() : role.mapping());
        } catch (IllegalArgumentException e) {
            String message = "refusing to start: " + e.getMessage().replace("gateway.role.default (", key + ".default (")
                    .replace("gateway.role.mapping.", key + ".mapping.");
            LOG.error(message);
            throw new IllegalStateException(message);
        }
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
