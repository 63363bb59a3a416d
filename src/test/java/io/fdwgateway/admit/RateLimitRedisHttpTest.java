package io.fdwgateway.admit;

import static io.fdwgateway.admit.AdmissionProfiles.PER_CALLER;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.RedisServer;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Rate limits over HTTP with the Redis store; no proxy is trusted in this profile. */
@QuarkusTest
@TestProfile(AdmissionProfiles.Redis.class)
class RateLimitRedisHttpTest {

    @Test
    void theLimitIsCountedInRedisUnderThePrefixAndItsKeysExpire() {
        String token = Tokens.forSubject("rl-redis-" + UUID.randomUUID());
        for (int i = 1; i <= PER_CALLER; i++) {
            Api.get(token, "whoami").statusCode(200).header("RateLimit", containsString("\"caller\";r=" + (PER_CALLER - i) + ";"));
        }
        problem(Api.get(token, "whoami"), 429, "GW429-rate-limited");
        String prefix = ConfigProvider.getConfig().getValue("gateway.redis.key-prefix", String.class);
        try (RedisServer redis = RedisServer.connect()) {
            List<String> keys = redis.keys(prefix + "rl:");
            assertTrue(!keys.isEmpty(), "the counters are in Redis under " + prefix);
            for (String key : keys) {
                long ttl = redis.pttl(key);
                assertTrue(ttl > 0 && ttl <= 60_000, key + " expires with its window: " + ttl);
                assertTrue(!key.contains("rl-redis-"), "no subject in clear: " + key);
            }
        }
    }

    @Test
    void withoutTrustedProxiesForwardedAddressesAreIgnored() {
        String suffix = UUID.randomUUID().toString();
        // every anonymous call here comes from 127.0.0.1: X-Forwarded-For cannot buy a fresh allowance
        int admitted = 0;
        for (int i = 0; i < PER_CALLER + 1; i++) {
            ValidatableResponse r = Api.as(null).header("X-Forwarded-For", "198.51.100." + (i % 250 + 1))
                    .header("X-Test", suffix).when().get("/rpc/list_plans").then();
            admitted += r.extract().statusCode() == 200 ? 1 : 0;
        }
        assertTrue(admitted <= PER_CALLER, "one allowance for all: " + admitted);
        problem(Api.as(null).header("X-Forwarded-For", "192.0.2.1").when().get("/rpc/list_plans").then(), 429,
                "GW429-rate-limited");
        assertEquals(429, Api.as(null).when().get("/rpc/list_plans").then().extract().statusCode());
    }
}
