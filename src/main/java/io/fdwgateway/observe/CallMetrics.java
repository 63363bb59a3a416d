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
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * The registered timer of each label set, so a call records into it without building its
     * id, tags and buckets again to look it up. As bounded as the labels are.
     */
    private final Map<Labels, Timer> timers = new ConcurrentHashMap<>();

    private record Labels(String function, String role, int status) {
    }

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
        Labels labels = new Labels(call.function() == null ? Observation.UNKNOWN_FUNCTION : call.function(),
                call.role() == null ? NO_ROLE : call.role(), call.status());
        timers.computeIfAbsent(labels, this::timer).record(call.durationNanos(), TimeUnit.NANOSECONDS);
        if (call.authFailure() != null) {
            authFailures.get(call.authFailure()).increment();
        }
    }

    private Timer timer(Labels labels) {
        return Timer.builder("gateway.calls")
                .description("Requests answered by the gateway, from arrival to answer")
                .tag("function", labels.function())
                .tag("role", labels.role())
                .tag("status", Integer.toString(labels.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
