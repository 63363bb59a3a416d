package io.fdwgateway.upstream;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.config.UpstreamConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * One foreign server's budget and breaker, each key from {@code gateway.upstream."<server>"}
 * or else from {@code gateway.upstream-defaults}.
 *
 * @param maxConcurrent   calls in flight at once; empty = no budget
 * @param maxQueue        calls that may wait for a slot
 * @param breakerFailures consecutive upstream failures that open the breaker; empty = no breaker
 * @param openFor         how long the breaker stays open before a trial call
 */
record UpstreamPolicy(Optional<Integer> maxConcurrent, int maxQueue, Optional<Integer> breakerFailures,
                      Duration openFor) {

    static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(30);

    static UpstreamPolicy of(String server, GatewayConfig config) {
        UpstreamConfig defaults = config.upstreamDefaults();
        Optional<UpstreamConfig> own = Optional.ofNullable(config.upstream().get(server));
        return new UpstreamPolicy(
                own.flatMap(UpstreamConfig::maxConcurrent).or(defaults::maxConcurrent),
                own.flatMap(UpstreamConfig::maxQueue).or(defaults::maxQueue).orElse(0),
                own.flatMap(o -> o.breaker().failures()).or(() -> defaults.breaker().failures()),
                own.flatMap(o -> o.breaker().openFor()).or(() -> defaults.breaker().openFor()).orElse(DEFAULT_OPEN_FOR));
    }

    /** Whether this policy limits anything. */
    boolean guards() {
        return maxConcurrent.isPresent() || breakerFailures.isPresent();
    }

    String describe() {
        return "max-concurrent " + maxConcurrent.map(String::valueOf).orElse("unlimited") + ", max-queue " + maxQueue
                + ", breaker " + breakerFailures.map(f -> "after " + f + " failures, open for " + openFor).orElse("off");
    }
}
