package io.fdwgateway.config;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the gateway uses Redis ({@code gateway.redis.*}) when a store is {@code redis}. The server
 * itself is Quarkus' {@code quarkus.redis.hosts} (e.g. {@code redis://redis:6379}); TLS and
 * passwords are set there too.
 */
public interface RedisConfig {

    /**
     * Prefix of every key the gateway writes, so that several gateways (staging and production,
     * two databases) can share one Redis without sharing limits or answers.
     */
    @WithDefault("fdw-gateway:")
    String keyPrefix();

    /**
     * Longest the gateway waits for Redis on a call. A slower or unreachable Redis counts as
     * down for that call: rate limits follow {@code gateway.rate-limit.redis-failure}, and an
     * idempotent call answers 503.
     */
    @WithDefault("1s")
    @WithConverter(Positive.Span.class)
    Duration timeout();
}
