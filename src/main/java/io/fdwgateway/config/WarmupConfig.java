package io.fdwgateway.config;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The self warm-up ({@code gateway.warmup.*}): before readiness reports UP, the gateway sends
 * requests to its own HTTP port until the JIT compiler has compiled the hot path, so a new
 * replica gets traffic only once it is fast. Off unless both {@link #path()} and a
 * {@link #maxDuration()} above zero are set.
 */
public interface WarmupConfig {

    /**
     * The request to load the gateway with: the path and query of a GET under the API's path,
     * such as {@code /rpc/add?a=1&b=2} (or {@code /rest/v1/rpc/add?a=1&b=2} with
     * {@code quarkus.rest.path=/rest/v1}). It is sent without a token, so it runs as
     * {@code gateway.role.anonymous}, and it runs the function for real: name a STABLE or
     * IMMUTABLE function that reads no foreign table. Anything else stops start-up.
     */
    Optional<String> path();

    /**
     * Longest the warm-up may delay readiness; {@code 0s} turns it off. It ends earlier once
     * the JIT compiler has gone quiet (under 5 % of a second spent compiling in each of two
     * seconds in a row, after at least 20,000 requests).
     */
    @WithDefault("0s")
    Duration maxDuration();

    /**
     * Connections the warm-up requests are sent on, each with one request in flight. Unset:
     * twice the event loops ({@code quarkus.vertx.event-loops-pool-size}, itself twice the
     * cores by default), enough to keep every event loop busy without queueing in the pool.
     */
    Optional<@WithConverter(Positive.Count.class) Integer> connections();
}
