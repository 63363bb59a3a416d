package io.fdwgateway.observe;

import io.fdwgateway.error.AuthFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The per-call metrics, from {@link Observation}s: {@code gateway_calls_seconds{function,role,status}}
 * and {@code gateway_auth_failures_total{reason}}. Labels are bounded by construction: a served
 * function's name or {@code unknown}, a role of the allow-list or {@code none}, an HTTP status,
 * and the closed set of {@link AuthFailure}.
 */
@Singleton
public class CallMetrics {

    /** The role label of a call that was refused before a role was resolved. */
    static final String NO_ROLE = "none";

    /** Histogram buckets: from a cached lookup to a statement that runs into its timeout. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Map<AuthFailure, Counter> authFailures = new EnumMap<>(AuthFailure.class);

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        // every reason is there from the start (at 0), so rate() and alerts see the first refusal
        for (AuthFailure reason : AuthFailure.values()) {
            authFailures.put(reason, Counter.builder("gateway.auth.failures")
                    .description("Callers refused, by reason")
                    .tag("reason", reason.label())
                    .register(registry));
        }
    }

    void observe(@Observes Observation call) {
        Timer.builder("gateway.calls")
                .description("Requests answered by the gateway, from arrival to answer")
                .tag("function", call.function() == null ? Observation.UNKNOWN_FUNCTION : call.function())
                .tag("role", call.role() == null ? NO_ROLE : call.role())
                .tag("status", Integer.toString(call.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(call.durationNanos(), TimeUnit.NANOSECONDS);
        if (call.authFailure() != null) {
            authFailures.get(call.authFailure()).increment();
        }
    }
}
