package io.fdwgateway.config;

import io.smallrye.config.WithDefault;

/**
 * The response cache ({@code gateway.cache.*}) of functions whose comment has a {@code @cache}
 * line: successful answers kept per function, arguments, role and verified claims.
 */
public interface CacheConfig {

    /**
     * Where answers live: {@code memory} (this replica) or {@code redis} (shared by all replicas,
     * the Redis of {@code quarkus.redis.hosts} that rate limits use, under {@code gateway.redis.key-prefix}).
     */
    @WithDefault("memory")
    StoreKind store();

    /** Most answers the {@code memory} store keeps; the least used are evicted beyond it. Unused with Redis. */
    @WithDefault("10000")
    int maxEntries();
}
