package io.fdwgateway.config;

/** Where a kind of shared state lives: {@code memory} (this replica only) or {@code redis} (all replicas). */
public enum StoreKind {
    /** In this process: exact for one replica, per replica when there are several. */
    MEMORY,
    /** In the Redis server of {@code quarkus.redis.hosts}, shared by every replica. */
    REDIS
}
