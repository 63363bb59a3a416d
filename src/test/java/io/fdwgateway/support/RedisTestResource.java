package io.fdwgateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the gateway's {@code redis} stores at the machine's Redis under a key prefix of this
 * test run's own, fails at once (naming the fix) when Redis is not running, and deletes the
 * run's keys when the gateway stops.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private String prefix;

    @Override
    public Map<String, String> start() {
        RedisServer.require();
        prefix = RedisServer.uniquePrefix("gateway");
        return Map.of("quarkus.redis.hosts", RedisServer.URL, "gateway.redis.key-prefix", prefix);
    }

    @Override
    public void stop() {
        if (prefix != null) {
            try (RedisServer server = RedisServer.connect()) {
                server.deleteKeys(prefix);
            }
        }
    }
}
