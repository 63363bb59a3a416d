package io.fdwgateway.config;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Rate limits ({@code gateway.rate-limit.*}). A caller is the token's issuer and {@code sub}, or
 * for a call without a token (or a token without {@code sub}) the client address, as
 * {@code quarkus.http.proxy.*} determines it. A call over a limit answers 429 without reaching
 * Postgres. Each limit is a window of {@code requests} calls that opens at the caller's first
 * call and closes {@code period} later.
 */
public interface RateLimitConfig {

    /** The limit each caller has across all functions ({@code gateway.rate-limit.per-caller.*}). */
    PerCaller perCaller();

    /**
     * Limits per caller and function, checked on top of {@link #perCaller()}, keyed by the function
     * name of its URL: {@code gateway.rate-limit.function."get_stripe_products".requests=25}.
     */
    Map<String, Limit> function();

    /** Where the counters live: {@code memory} (per replica) or {@code redis} (shared by all replicas). */
    @WithDefault("memory")
    StoreKind store();

    /**
     * What a call gets when the Redis store cannot be reached: {@code allow} lets it through
     * unlimited, {@code deny} answers 503 {@code GW503-store-unavailable}. Either way the failure
     * is logged (once per outage) and counted in {@code gateway_store_failures_total}.
     */
    @WithDefault("allow")
    RedisFailure redisFailure();

    /** {@code gateway.rate-limit.per-caller.*}. */
    interface PerCaller {

        /** Calls one caller may make per period, across all functions; unset means no limit. */
        @WithConverter(Positive.Count.class)
        Optional<Integer> requests();

        /** Length of the per-caller window; at least 1s. */
        @WithDefault("1m")
        @WithConverter(Positive.Window.class)
        Duration period();
    }

    /** {@code gateway.rate-limit.function."<name>".*}. */
    interface Limit {

        /** Calls one caller may make to this function per period. Required for a named function. */
        @WithConverter(Positive.Count.class)
        Integer requests();

        /** Length of the window of this function's limit; at least 1s. */
        @WithDefault("1m")
        @WithConverter(Positive.Window.class)
        Duration period();
    }

    /** The answer while Redis is unreachable. */
    enum RedisFailure {
        /** Serve the call without a limit. */
        ALLOW,
        /** Answer 503 with {@code Retry-After}. */
        DENY
    }
}
