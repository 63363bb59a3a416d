package io.fdwgateway.shared;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis store against the machine's Redis, under a key prefix of this run's own. */
class RedisStoreTest extends SharedStoreContract {

    private static final String PREFIX = RedisServer.uniquePrefix("store");
    private static RedisServer server;
    private static Vertx vertx;
    private static RedisStore store;

    @BeforeAll
    static void connect() {
        server = RedisServer.connect();
        vertx = Vertx.vertx();
        store = new RedisStore(Redis.createClient(vertx, RedisServer.options(RedisServer.URL)), PREFIX, Duration.ofSeconds(2));
    }

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.deleteKeys(PREFIX);
            server.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    @Override
    SharedStore store() {
        return store;
    }

    @Override
    void pass(Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis());
    }

    @Test
    void everyKeyWrittenHasAnExpiry() throws Exception {
        String run = key("expiry");
        await(store.take(List.of(new SharedStore.Quota(run + ":window", 5, Duration.ofMinutes(2)))));
        await(store.putIfAbsent(run + ":value", Buffer.buffer("v"), Duration.ofMinutes(3)));
        await(store.replace(run + ":value", Buffer.buffer("v"), Buffer.buffer("w"), Duration.ofMinutes(4)));
        List<String> keys = server.keys(PREFIX + run);
        assertTrue(keys.size() == 2, "both keys are under the configured prefix: " + keys);
        for (String key : keys) {
            long ttl = server.pttl(key);
            assertTrue(ttl > 0 && ttl <= Duration.ofMinutes(4).toMillis(), key + " expires: " + ttl);
        }
    }

    @Test
    void aCounterLeftWithoutExpiryGetsOneOnTheNextCall() throws Exception {
        String key = key("window");
        // as INCR alone would leave it, had a replica died between INCR and PEXPIRE in another design
        server.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.SET).arg(PREFIX + key).arg("1"));
        assertTrue(await(store.take(List.of(new SharedStore.Quota(key, 5, Duration.ofMinutes(1))))).admitted());
        long ttl = server.pttl(PREFIX + key);
        assertTrue(ttl > 0, "expires: " + ttl);
        assertFalse(server.keys(PREFIX + key).isEmpty());
    }
}
