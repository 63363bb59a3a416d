package io.fdwgateway.admit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * The admit stage's counters. Labels are bounded: a function label is a served function's name
 * or {@code unknown}, never text a client chose.
 */
@Singleton
public class AdmissionMetrics {

    /** The function label of a call that reached no served function. */
    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;

    public AdmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code gateway_rate_limited_total{function}}: calls refused with 429. */
    void rateLimited(String servedFunction) {
        Counter.builder("gateway.rate.limited")
                .description("Calls refused with 429 because a rate limit was used up")
                .tag("function", servedFunction == null ? UNKNOWN : servedFunction)
                .register(registry).increment();
    }

    /**
     * {@code gateway_store_failures_total{use,outcome}}: calls that met an unreachable shared store,
     * by what needed it ({@code rate-limit}, {@code idempotency}) and what the call got
     * ({@code allowed}: served without the check; {@code denied}: 503).
     */
    void storeFailed(String use, boolean allowed) {
        Counter.builder("gateway.store.failures")
                .description("Calls that met an unreachable shared store (Redis)")
                .tag("use", use)
                .tag("outcome", allowed ? "allowed" : "denied")
                .register(registry).increment();
    }

    /**
     * {@code gateway_idempotent_requests_total{result}}: calls carrying an Idempotency-Key, by what
     * happened: {@code executed}, {@code replayed}, {@code in_flight} (409), {@code mismatch} (422).
     */
    void idempotent(String result) {
        Counter.builder("gateway.idempotent.requests")
                .description("Calls with an Idempotency-Key, by outcome")
                .tag("result", result)
                .register(registry).increment();
    }
}
