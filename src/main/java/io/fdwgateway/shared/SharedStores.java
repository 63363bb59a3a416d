package io.fdwgateway.shared;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.config.StoreKind;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * Hands each kind of shared state its store: a {@link MemoryStore} of its own, or the one
 * {@link RedisStore} that all kinds share (their keys are apart by prefix). The Redis client is
 * only created when a store is {@code redis}, so a gateway without Redis needs no
 * {@code quarkus.redis.hosts}.
 */
@Singleton
public class SharedStores {

    private final Instance<Redis> redis;
    private final GatewayConfig config;
    private volatile RedisStore redisStore;

    public SharedStores(Instance<Redis> redis, GatewayConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /**
     * @param kind          where the state lives
     * @param memoryBytes   the bound of a memory store
     */
    public SharedStore create(StoreKind kind, long memoryBytes) {
        return kind == StoreKind.REDIS ? redis() : new MemoryStore(memoryBytes);
    }

    /** The Redis store when a store uses it, else null. */
    RedisStore redisInUse() {
        return redisStore;
    }

    private RedisStore redis() {
        RedisStore store = redisStore;
        if (store == null) {
            synchronized (this) {
                if (redisStore == null) {
                    redisStore = new RedisStore(redis.get(), config.redis().keyPrefix(), config.redis().timeout());
                }
                store = redisStore;
            }
        }
        return store;
    }
}
