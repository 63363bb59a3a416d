package io.fdwgateway.admit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.auth.Caller;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.shared.MemoryStore;
import io.fdwgateway.shared.RedisStore;
import io.fdwgateway.shared.SharedStore;
import io.fdwgateway.support.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.redis.client.Redis;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.greenbytes.http.sfv.IntegerItem;
import org.greenbytes.http.sfv.Item;
import org.greenbytes.http.sfv.OuterList;
import org.greenbytes.http.sfv.Parser;
import org.junit.jupiter.api.Test;

/** The rate limiter on the memory store, and on a Redis that cannot be reached. */
class RateLimiterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AdmissionMetrics metrics = new AdmissionMetrics(registry);
    private static final CallerKey ALICE = CallerKey.of(Caller.of(new JsonObject().put("iss", "https://idp").put("sub", "alice")), null);
    private static final CallerKey BOB = CallerKey.of(Caller.of(new JsonObject().put("iss", "https://idp").put("sub", "bob")), null);

    private RateLimiter limiter(Map<String, String> properties, SharedStore store) {
        GatewayConfig config = TestConfig.gateway(properties);
        return new RateLimiter(config.rateLimit(), store, metrics);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static GatewayError refusal(Future<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(GatewayException.class, e.getCause()).error();
    }

    /** The parameters of one member of a Structured Field list, by its policy name. */
    private static Map<String, Long> member(String field, String policy) {
        OuterList list = Parser.parseList(field);
        for (var element : list.get()) {
            Item<?> item = (Item<?>) element;
            if (policy.equals(item.get())) {
                Map<String, Long> params = new HashMap<>();
                item.getParams().forEach((k, v) -> params.put(k, ((IntegerItem) v).get()));
                return params;
            }
        }
        throw new AssertionError(policy + " not in " + field);
    }

    @Test
    void withoutLimitsEveryCallIsAdmittedWithoutFields() throws Exception {
        RateLimiter open = limiter(Map.of(), null);
        for (int i = 0; i < 50; i++) {
            assertTrue(await(open.admit(ALICE, "add", "add")).isEmpty());
        }
    }

    @Test
    void aCallerGetsItsQuotaThen429WithRetryAfterAndStructuredFields() throws Exception {
        RateLimiter limiter = limiter(Map.of("gateway.rate-limit.per-caller.requests", "3",
                "gateway.rate-limit.per-caller.period", "1m"), new MemoryStore(1 << 20));
        for (int i = 1; i <= 3; i++) {
            Map<String, String> fields = await(limiter.admit(ALICE, "add", "add"));
            assertEquals(Map.of("q", 3L, "w", 60L), member(fields.get("RateLimit-Policy"), "caller"));
            Map<String, Long> current = member(fields.get("RateLimit"), "caller");
            assertEquals(3 - i, current.get("r"));
            assertTrue(current.get("t") > 55 && current.get("t") <= 60, "seconds to reset: " + current);
        }
        GatewayError refused = refusal(limiter.admit(ALICE, "add", "add"));
        assertEquals(429, refused.status());
        assertEquals("GW429-rate-limited", refused.code());
        long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
        assertTrue(retryAfter > 55 && retryAfter <= 60, "Retry-After is when the window closes: " + retryAfter);
        assertEquals(0L, member(refused.headers().get("RateLimit"), "caller").get("r"));
        assertEquals(Map.of("q", 3L, "w", 60L), member(refused.headers().get("RateLimit-Policy"), "caller"));
        assertEquals(1.0, registry.get("gateway.rate.limited").tag("function", "add").counter().count());

        assertTrue(await(limiter.admit(BOB, "add", "add")).containsKey("RateLimit"), "another caller has its own quota");
        refusal(limiter.admit(ALICE, "no_such_function", null));
        assertEquals(1.0, registry.get("gateway.rate.limited").tag("function", "unknown").counter().count(),
                "a name that is not served is counted as unknown, never as the client's text");
    }

    @Test
    void aFunctionLimitAppliesOnTopAndARefusedCallCountsAgainstNeither() throws Exception {
        RateLimiter limiter = limiter(Map.of("gateway.rate-limit.per-caller.requests", "10",
                "gateway.rate-limit.function.add.requests", "2",
                "gateway.rate-limit.function.add.period", "10s"), new MemoryStore(1 << 20));
        await(limiter.admit(ALICE, "add", "add"));
        Map<String, String> second = await(limiter.admit(ALICE, "add", "add"));
        assertEquals(Map.of("q", 2L, "w", 10L), member(second.get("RateLimit-Policy"), "function"));
        assertEquals(0L, member(second.get("RateLimit"), "function").get("r"));
        assertEquals(8L, member(second.get("RateLimit"), "caller").get("r"));

        GatewayError refused = refusal(limiter.admit(ALICE, "add", "add"));
        long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "the function window's reset: " + retryAfter);

        Map<String, String> other = await(limiter.admit(ALICE, "list_plans", "list_plans"));
        assertEquals(7L, member(other.get("RateLimit"), "caller").get("r"), "the refused call was not counted");
        assertThat(other.get("RateLimit"), org.hamcrest.Matchers.not(containsString("function")));
    }

    @Test
    void anUnreachableRedisAllowsOrDeniesAsConfiguredAndIsCounted() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = closed.getLocalPort();
            closed.close();
            SharedStore down = new RedisStore(Redis.createClient(vertx, "redis://127.0.0.1:" + port), "x:", Duration.ofSeconds(2));

            RateLimiter allow = limiter(Map.of("gateway.rate-limit.per-caller.requests", "1"), down);
            for (int i = 0; i < 3; i++) {
                assertTrue(await(allow.admit(ALICE, "add", "add")).isEmpty(), "served, unlimited, without fields");
            }
            assertEquals(3.0, registry.get("gateway.store.failures").tags("use", "rate-limit", "outcome", "allowed")
                    .counter().count());

            RateLimiter deny = limiter(Map.of("gateway.rate-limit.per-caller.requests", "1",
                    "gateway.rate-limit.redis-failure", "deny"), down);
            GatewayError refused = refusal(deny.admit(ALICE, "add", "add"));
            assertEquals(503, refused.status());
            assertEquals("GW503-store-unavailable", refused.code());
            assertEquals("5", refused.headers().get("Retry-After"));
            assertEquals(1.0, registry.get("gateway.store.failures").tags("use", "rate-limit", "outcome", "denied")
                    .counter().count());
        } finally {
            vertx.close();
        }
    }

    @Test
    void anonymousCallersCountByAddressAndIpv6ByTheirSlash64() {
        Caller anonymous = Caller.anonymousCaller();
        CallerKey v4a = CallerKey.of(anonymous, SocketAddress.inetSocketAddress(1, "203.0.113.7"));
        CallerKey v4b = CallerKey.of(anonymous, SocketAddress.inetSocketAddress(2, "203.0.113.8"));
        CallerKey mapped = CallerKey.of(anonymous, SocketAddress.inetSocketAddress(3, "::ffff:203.0.113.7"));
        CallerKey v6a = CallerKey.of(anonymous, SocketAddress.inetSocketAddress(4, "2001:db8:1:2:aaaa::1"));
        CallerKey v6b = CallerKey.of(anonymous, SocketAddress.inetSocketAddress(5, "2001:db8:1:2:bbbb::9"));
        CallerKey v6c = CallerKey.of(anonymous, SocketAddress.inetSocketAddress(6, "2001:db8:1:3::1"));
        assertTrue(!v4a.equals(v4b), "two IPv4 hosts");
        assertEquals(v4a, mapped, "an IPv4 client seen through a dual-stack socket is the same host");
        assertEquals(v6a, v6b, "one IPv6 /64");
        assertTrue(!v6a.equals(v6c), "another /64");
        CallerKey token = CallerKey.of(Caller.of(new JsonObject().put("iss", "https://idp").put("sub", "alice")),
                SocketAddress.inetSocketAddress(1, "203.0.113.7"));
        assertEquals(ALICE, token, "a token's caller is its issuer and subject, wherever it calls from");
        assertTrue(!token.equals(CallerKey.of(Caller.of(new JsonObject().put("iss", "https://other").put("sub", "alice")), null)),
                "the same subject at another issuer is another caller");
        CallerKey noSub = CallerKey.of(Caller.of(new JsonObject().put("iss", "https://idp")),
                SocketAddress.inetSocketAddress(1, "203.0.113.7"));
        assertEquals(v4a, noSub, "a token without sub counts by address");
        assertTrue(v4a.id().matches("[A-Za-z0-9_-]{22}"), "an opaque id without braces: " + v4a.id());
    }
}
