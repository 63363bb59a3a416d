package io.fdwgateway.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the self warm-up runs ({@code gateway.warmup.*}): a new replica gets traffic
 * only once its hot path is compiled. UP when the warm-up is off or has ended, whatever its
 * requests got (that is logged, never a reason to stay out of service).
 */
@Readiness
@ApplicationScoped
public class WarmupHealthCheck implements HealthCheck {

    private final Warmup warmup;

    public WarmupHealthCheck(Warmup warmup) {
        this.warmup = warmup;
    }

    @Override
    public HealthCheckResponse call() {
        Warmup.Phase phase = warmup.phase();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("warm-up")
                .status(phase == Warmup.Phase.OFF || phase == Warmup.Phase.ENDED)
                .withData("phase", phase.name().toLowerCase());
        WarmupTally tally = warmup.tally();
        if (tally != null) {
            builder.withData("requests", tally.requests()).withData("answers", tally.describe());
        }
        String because = warmup.endedBecause();
        if (because != null && phase == Warmup.Phase.ENDED) {
            builder.withData("ended", because);
        }
        return builder.build();
    }
}
