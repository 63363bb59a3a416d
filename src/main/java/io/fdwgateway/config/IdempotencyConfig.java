package io.fdwgateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Idempotency keys ({@code gateway.idempotency.*}): a POST to a VOLATILE function that carries
 * {@code Idempotency-Key} runs once per caller, function and key; a repeat gets the stored answer.
 */
public interface IdempotencyConfig {

    /**
     * Where answers and in-flight markers live: {@code memory} (this replica only) or {@code redis}
     * (shared by all replicas, so a retry that reaches another replica is still answered once).
     */
    @WithDefault("memory")
    StoreKind store();

    /** How long an answer (2xx or 4xx) is kept and replayed for a repeat of its key. */
    @WithDefault("24h")
    @WithConverter(Positive.Span.class)
    Duration ttl();

    /**
     * How long the marker of a call still running outlives the replica that runs it. The replica
     * renews it while the call runs (every third of this), so it only bounds how long a key stays
     * locked (409 {@code GW409-idempotency-in-flight}) after a replica died mid-call.
     */
    @WithDefault("30s")
    @WithConverter(Positive.Span.class)
    Duration inFlightTtl();

    /**
     * Most memory the {@code memory} store may hold in answers and markers; the least used
     * entries are evicted beyond it (an evicted key runs again on a repeat). Unused with Redis,
     * whose own {@code maxmemory} bounds it.
     */
    @WithDefault("64M")
    MemorySize maxMemory();
}
