package io.fdwgateway.admit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.config.RateLimitConfig;
import io.fdwgateway.config.StoreKind;
import io.fdwgateway.support.TestConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The configuration of the admit stage as SmallRye Config reads it at start: the contract's key
 * names, their defaults, and refusals that name the key of each bad value.
 */
class AdmissionConfigTest {

    @Test
    void defaultsAreNoLimitAndMemoryStores() {
        GatewayConfig config = TestConfig.gateway(Map.of());
        assertTrue(config.rateLimit().perCaller().requests().isEmpty(), "unset = no limit");
        assertEquals(Duration.ofMinutes(1), config.rateLimit().perCaller().period());
        assertEquals(StoreKind.MEMORY, config.rateLimit().store());
        assertEquals(RateLimitConfig.RedisFailure.ALLOW, config.rateLimit().redisFailure());
        assertEquals(StoreKind.MEMORY, config.idempotency().store());
        assertEquals(Duration.ofHours(24), config.idempotency().ttl());
        assertEquals("fdw-gateway:", config.redis().keyPrefix());
        assertTrue(new RateLimitPolicy(config.rateLimit()).limitsFor("add").isEmpty());
    }

    @Test
    void theContractNamesConfigureEveryLimit() {
        GatewayConfig config = TestConfig.gateway(Map.of(
                "gateway.rate-limit.per-caller.requests", "100",
                "gateway.rate-limit.per-caller.period", "1m",
                "gateway.rate-limit.function.\"get_stripe_products\".requests", "25",
                "gateway.rate-limit.function.\"get_stripe_products\".period", "1s",
                "gateway.rate-limit.function.add.requests", "3",
                "gateway.rate-limit.store", "redis",
                "gateway.rate-limit.redis-failure", "deny",
                "gateway.idempotency.store", "redis",
                "gateway.idempotency.ttl", "2h"));
        RateLimitPolicy policy = new RateLimitPolicy(config.rateLimit());
        assertEquals(List.of(new RateLimitPolicy.Limit("caller", 100, Duration.ofMinutes(1)),
                new RateLimitPolicy.Limit("function", 25, Duration.ofSeconds(1))), policy.limitsFor("get_stripe_products"));
        assertEquals(List.of(new RateLimitPolicy.Limit("caller", 100, Duration.ofMinutes(1)),
                new RateLimitPolicy.Limit("function", 3, Duration.ofMinutes(1))), policy.limitsFor("add"),
                "a function's period defaults to 1m");
        assertEquals(List.of(new RateLimitPolicy.Limit("caller", 100, Duration.ofMinutes(1))), policy.limitsFor("whoami"));
        assertEquals(StoreKind.REDIS, config.rateLimit().store());
        assertEquals(RateLimitConfig.RedisFailure.DENY, config.rateLimit().redisFailure());
        assertEquals(Duration.ofHours(2), config.idempotency().ttl());
    }

    @Test
    void aValueThatDoesNotParseOrMakesNoSenseIsRefusedNamingItsKey() {
        List<Map.Entry<String, String>> bad = List.of(
                Map.entry("gateway.rate-limit.per-caller.requests", "lots"),
                Map.entry("gateway.rate-limit.per-caller.requests", "0"),
                Map.entry("gateway.rate-limit.per-caller.period", "a minute"),
                Map.entry("gateway.rate-limit.function.add.requests", "0"),
                Map.entry("gateway.rate-limit.function.lookup.requests", "-5"),
                Map.entry("gateway.rate-limit.function.whoami.period", "500ms"),
                Map.entry("gateway.rate-limit.function.whoami.period", "0s"),
                Map.entry("gateway.idempotency.ttl", "0s"),
                Map.entry("gateway.idempotency.ttl", "tomorrow"),
                Map.entry("gateway.idempotency.in-flight-ttl", "-1s"),
                Map.entry("gateway.redis.timeout", "0ms"),
                Map.entry("gateway.rate-limit.store", "postgres"),
                Map.entry("gateway.rate-limit.redis-failure", "maybe"));
        for (Map.Entry<String, String> entry : bad) {
            Map<String, String> properties = new java.util.HashMap<>(Map.of(entry.getKey(), entry.getValue()));
            // a function limit is only read with its required requests key
            properties.putIfAbsent("gateway.rate-limit.function.whoami.requests", "1");
            RuntimeException refused = assertThrows(RuntimeException.class, () -> TestConfig.gateway(properties),
                    entry::toString);
            assertThat(entry.toString(), messages(refused), allOf(containsString(entry.getKey()),
                    containsString(entry.getValue())));
        }
    }

    @Test
    void aFunctionLimitWithoutRequestsIsRefusedNamingTheMissingKey() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> TestConfig.gateway(Map.of("gateway.rate-limit.function.add.period", "1m")));
        assertThat(messages(refused), containsString("gateway.rate-limit.function.add.requests"));
    }

    @Test
    void aRedisStoreWithoutRedisHostsIsAStartUpProblemNamingBothKeys() {
        GatewayConfig config = TestConfig.gateway(Map.of("gateway.rate-limit.store", "redis",
                "gateway.idempotency.store", "redis"));
        List<String> problems = AdmissionStartup.problems(config, Optional.empty());
        assertEquals(2, problems.size(), problems::toString);
        assertThat(problems.get(0), allOf(containsString("gateway.rate-limit.store=redis"), containsString("quarkus.redis.hosts")));
        assertThat(problems.get(1), allOf(containsString("gateway.idempotency.store=redis"), containsString("quarkus.redis.hosts")));
        assertTrue(AdmissionStartup.problems(config, Optional.of("redis://redis:6379")).isEmpty());
        assertTrue(AdmissionStartup.problems(TestConfig.gateway(Map.of()), Optional.empty()).isEmpty());
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                all.append(messages(s));
            }
        }
        return all.toString();
    }
}
