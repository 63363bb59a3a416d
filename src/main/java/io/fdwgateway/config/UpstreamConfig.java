package io.fdwgateway.config;

import io.smallrye.config.WithConverter;
import java.time.Duration;
import java.util.Optional;

/**
 * Budget and circuit breaker of one foreign server ({@code gateway.upstream."<server>".*}), or of
 * every server not named ({@code gateway.upstream-defaults.*}). A key left out of a named
 * server's settings is taken from {@code upstream-defaults}. A call to a function is guarded by
 * every foreign server the function reaches (see the README, "Which foreign servers a function
 * reaches").
 */
public interface UpstreamConfig {

    /** Calls in flight to this server at once, across all functions that reach it; unset = no budget. */
    @WithConverter(Positive.Count.class)
    Optional<Integer> maxConcurrent();

    /**
     * Calls that may wait for a slot when {@link #maxConcurrent()} are in flight (default 0);
     * beyond, a call answers 503 {@code GW503-upstream-busy} at once.
     */
    @WithConverter(Positive.CountOrZero.class)
    Optional<Integer> maxQueue();

    /** The circuit breaker ({@code .breaker.*}). */
    Breaker breaker();

    /** {@code gateway.upstream."<server>".breaker.*}. */
    interface Breaker {

        /**
         * Consecutive upstream failures (SQLSTATE {@code HV*} and {@code 08*} sent by Postgres,
         * {@code 57014}, and calls Postgres never answered) that open the breaker; unset = no breaker.
         */
        @WithConverter(Positive.Count.class)
        Optional<Integer> failures();

        /**
         * How long an open breaker answers 503 {@code GW503-upstream-open} without database work
         * (default 30s); then one trial call closes it, or opens it again.
         */
        @WithConverter(Positive.Span.class)
        Optional<Duration> openFor();
    }
}
