package io.fdwgateway.catalog;

import io.fdwgateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once a schema cache is loaded, and as long as it is not stale: a failed reload keeps
 * serving the previous cache and is retried, but when no load has succeeded for
 * {@code gateway.catalog.stale-after} since one was owed, the posture gate has not looked at
 * the database for that long and the gateway reports itself not ready.
 */
@Readiness
@ApplicationScoped
public class SchemaCacheHealthCheck implements HealthCheck {

    private final SchemaCache cache;
    private final Duration staleAfter;

    public SchemaCacheHealthCheck(SchemaCache cache, GatewayConfig config) {
        this.cache = cache;
        this.staleAfter = config.catalog().staleAfter();
    }

    @Override
    public HealthCheckResponse call() {
        SchemaCache.ReloadStatus status = cache.status();
        Duration staleFor = status.staleFor(Instant.now());
        boolean stale = staleFor.compareTo(staleAfter) > 0;
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("schema-cache")
                .status(status.loaded() && !stale)
                .withData("functions", cache.current().size())
                .withData("loads", status.loads())
                .withData("failedReloads", status.failures());
        if (status.lastFailure() != null) {
            builder.withData("lastReloadFailed", status.lastFailure());
        }
        if (status.staleSince() != null) {
            builder.withData("unconfirmedSince", status.staleSince().toString());
        }
        if (stale) {
            builder.withData("stale", true);
        }
        return builder.build();
    }
}
