package io.fdwgateway.auth;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final long NOW = 1_800_000_000_000L;
    private final AtomicLong clock = new AtomicLong(NOW);

    private static Caller caller(long expSeconds) {
        return Caller.of(new JsonObject().put("sub", "alice").put("exp", expSeconds));
    }

    private VerifiedTokenCache cache(int size, Duration ttl) {
        return new VerifiedTokenCache(size, ttl, clock::get);
    }

    @Test
    void answersOnlyTheExactTokenText() {
        VerifiedTokenCache cache = cache(10, Duration.ofSeconds(60));
        Caller alice = caller(NOW / 1000 + 3600);
        cache.put("aaa.bbb.ccc", alice);
        assertSame(alice, cache.get("aaa.bbb.ccc"));
        assertNull(cache.get("aaa.bbb.ccd"));
        assertNull(cache.get("aaa.bbb.cc"));
        assertNull(cache.get(null));
    }

    @Test
    void neverOutlivesExpNorTtl() {
        VerifiedTokenCache cache = cache(10, Duration.ofSeconds(60));
        cache.put("short", caller(NOW / 1000 + 10));
        cache.put("long", caller(NOW / 1000 + 3600));
        clock.set(NOW + 10_000);
        assertNull(cache.get("short"), "expired token");
        clock.set(NOW + 59_000);
        assertSame("alice", cache.get("long").subject());
        clock.set(NOW + 60_000);
        assertNull(cache.get("long"), "past the cache ttl");
    }

    @Test
    void keepsNoExpiredTokenNoTokenWithoutExpAndNothingWhenOff() {
        VerifiedTokenCache cache = cache(10, Duration.ofSeconds(60));
        cache.put("expired", caller(NOW / 1000 - 1));
        cache.put("no-exp", Caller.of(new JsonObject().put("sub", "bob")));
        cache.put("anonymous", Caller.anonymousCaller());
        assertNull(cache.get("expired"));
        assertNull(cache.get("no-exp"));
        assertNull(cache.get("anonymous"));
        VerifiedTokenCache off = cache(0, Duration.ofSeconds(60));
        off.put("t", caller(NOW / 1000 + 3600));
        assertNull(off.get("t"));
    }

    @Test
    void staysWithinItsSize() {
        VerifiedTokenCache cache = cache(2, Duration.ofSeconds(60));
        cache.put("a", caller(NOW / 1000 + 3600));
        cache.put("b", caller(NOW / 1000 + 3600));
        cache.put("c", caller(NOW / 1000 + 3600));
        int kept = 0;
        for (String t : new String[] {"a", "b", "c"}) {
            kept += cache.get(t) == null ? 0 : 1;
        }
        org.junit.jupiter.api.Assertions.assertTrue(kept <= 2 && cache.get("c") != null);
    }
}
