package io.fdwgateway.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once a schema cache is loaded. A failed reload keeps serving the previous cache, so it
 * does not make the gateway unready, but it shows here for operators and alerts.
 */
@Readiness
@ApplicationScoped
public class SchemaCacheHealthCheck implements HealthCheck {

    private final SchemaCache cache;

    public SchemaCacheHealthCheck(SchemaCache cache) {
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        SchemaCache.ReloadStatus status = cache.status();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("schema-cache")
                .status(status.loaded())
                .withData("functions", cache.current().size())
                .withData("loads", status.loads())
                .withData("failedReloads", status.failures());
        if (status.lastFailure() != null) {
            builder.withData("lastReloadFailed", status.lastFailure());
        }
        return builder.build();
    }
}
