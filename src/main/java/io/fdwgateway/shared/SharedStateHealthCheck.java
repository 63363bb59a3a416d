package io.fdwgateway.shared;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows in the readiness body whether Redis answered the last command (when a store uses it),
 * without making the gateway unready: what calls get while it is down is
 * {@code gateway.rate-limit.redis-failure}'s to decide, and taking every replica out of service
 * would turn that choice into a full outage.
 */
@Readiness
@ApplicationScoped
public class SharedStateHealthCheck implements HealthCheck {

    static final String NAME = "shared-state";

    private final SharedStores stores;

    public SharedStateHealthCheck(SharedStores stores) {
        this.stores = stores;
    }

    @Override
    public HealthCheckResponse call() {
        RedisStore redis = stores.redisInUse();
        return HealthCheckResponse.named(NAME).up()
                .withData("redis", redis == null ? "unused" : redis.down() ? "unreachable" : "reachable")
                .build();
    }
}
