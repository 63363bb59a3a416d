package io.fdwgateway.cache;

import static io.fdwgateway.cache.CacheFixtures.ALICE_A;
import static io.fdwgateway.support.Api.get;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.RedisServer;
import io.fdwgateway.support.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code gateway.cache.store=redis}: answers live in the machine's Redis under the prefix, with
 * their TTL, and what another replica stored there is what this one answers.
 */
@QuarkusTest
@TestProfile(CacheRedisHttpTest.RedisCache.class)
class CacheRedisHttpTest {

    public static class RedisCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.cache.store", "redis");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisTestResource.class));
        }
    }

    @BeforeEach
    void functions() {
        CacheFixtures.create("v1");
    }

    @AfterEach
    void drop() {
        CacheFixtures.drop();
    }

    @Test
    void answersAreSharedThroughRedis() {
        String prefix = ConfigProvider.getConfig().getValue("gateway.redis.key-prefix", String.class);
        try (RedisServer redis = RedisServer.connect()) {
            redis.deleteKeys(prefix + "cache:");
            get(ALICE_A, "cached_random").statusCode(200).header("Gateway-Cache", "miss");
            List<String> keys = redis.keys(prefix + "cache:");
            assertEquals(1, keys.size(), keys::toString);
            long ttl = redis.pttl(keys.get(0));
            assertTrue(ttl > 0 && ttl <= 60_000, "expires with the @cache duration: " + ttl);

            // another replica answered this call first: this one serves what it stored
            JsonObject stored = new JsonObject(redis.send(Request.cmd(Command.GET).arg(keys.get(0))).toString());
            String planted = "{\"v\":\"from the other replica\"}";
            stored.put("b", Base64.getEncoder().encodeToString(planted.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            redis.send(Request.cmd(Command.SET).arg(keys.get(0)).arg(stored.encode()).arg("PX").arg(60_000));
            get(ALICE_A, "cached_random").statusCode(200).header("Gateway-Cache", "hit")
                    .body("v", equalTo("from the other replica"));
        }
    }
}
