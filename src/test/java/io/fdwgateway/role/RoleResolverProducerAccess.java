package io.fdwgateway.role;

import io.fdwgateway.config.GatewayConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lets tests in other packages check the start-up refusals of tenant role rules. */
public final class RoleResolverProducerAccess {

    private RoleResolverProducerAccess() {
    }

    public static RoleResolver.RoleRules tenantRules(String tenant, boolean configured, Map<String, String> mapping) {
        RoleResolver.RoleRules global = new RoleResolver.RoleRules("role", "authenticated", Optional.of("anon"),
                List.of("anon", "authenticated", "service_role"), Map.of());
        GatewayConfig.TenantRoleConfig role = new GatewayConfig.TenantRoleConfig() {
            public Optional<String> claim() { return Optional.empty(); }
            public Optional<String> defaultRole() { return Optional.empty(); }
            public Map<String, String> mapping() { return mapping; }
        };
        return RoleResolverProducer.tenantRules(tenant, global, role, configured);
    }
}
