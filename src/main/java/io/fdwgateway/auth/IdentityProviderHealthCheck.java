package io.fdwgateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the identity provider in the readiness body without making the gateway unready: while it
 * is unreachable, anonymous calls and tokens whose keys were fetched recently still work, and
 * taking the replicas out of service would turn a partial outage into a full one.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderHealthCheck implements HealthCheck {

    static final String NAME = "identity-provider";

    private final IdentityProviderState state;

    public IdentityProviderHealthCheck(IdentityProviderState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).up();
        state.describe().forEach((key, value) -> {
            if (value instanceof Boolean b) {
                builder.withData(key, b);
            } else if (value instanceof Number n) {
                builder.withData(key, n.longValue());
            } else {
                builder.withData(key, String.valueOf(value));
            }
        });
        return builder.build();
    }
}
