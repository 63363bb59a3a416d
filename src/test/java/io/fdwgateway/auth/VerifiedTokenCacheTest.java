package io.fdwgateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final AtomicLong clock = new AtomicLong(NOW);
    private final Random random = new Random(42);

    private static Caller caller(long expSeconds) {
        return Caller.of(new JsonObject().put("sub", "alice").put("exp", expSeconds));
    }

    private VerifiedTokenCache cache(int size, Duration ttl) {
        return new VerifiedTokenCache(size, ttl, clock::get);
    }

    /** A compact JWS shape: header and payload as base64url JSON, a 256-byte "signature" whose base64url has - or _. */
    private String token(String subject) {
        String header = URL.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String payload = URL.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8));
        String signature;
        do {
            byte[] bytes = new byte[256];
            random.nextBytes(bytes);
            signature = URL.encodeToString(bytes);
        } while (signature.indexOf('-') < 0 || signature.indexOf('_') < 0);
        return header + "." + payload + "." + signature;
    }

    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private static String withSignature(String token, String signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + signature;
    }

    @Test
    void answersOnlyTheSameSignedContent() {
        VerifiedTokenCache cache = cache(10, Duration.ofSeconds(60));
        Caller alice = caller(NOW / 1000 + 3600);
        String token = token("alice");
        cache.put(token, alice);
        assertSame(alice, cache.get(token));
        // another payload under the same signature is another token, whatever it claims
        String otherPayload = token.replace(token.split("\\.")[1],
                URL.encodeToString("{\"sub\":\"mallory\"}".getBytes(StandardCharsets.UTF_8)));
        assertNull(cache.get(otherPayload));
        assertNull(cache.get(withSignature(token, signature(token("alice")))));
        assertNull(cache.get(token.substring(0, token.length() - 4)));
        assertNull(cache.get(null));
        assertNull(cache.get("not-a-token"));
        assertNull(cache.get("a.b."));
    }

    @Test
    void spellingsOfOneSignatureShareOneEntry() {
        VerifiedTokenCache cache = cache(10, Duration.ofSeconds(60));
        Caller alice = caller(NOW / 1000 + 3600);
        String token = token("alice");
        String padded = withSignature(token, Base64.getUrlEncoder().encodeToString(
                Base64.getUrlDecoder().decode(signature(token))));
        String standardAlphabet = withSignature(token, signature(token).replace('-', '+').replace('_', '/'));
        assertTrue(padded.endsWith("=") && standardAlphabet.contains("+") && standardAlphabet.contains("/"));

        cache.put(padded, alice);
        cache.put(standardAlphabet, alice);
        assertEquals(1, cache.statistics().size(), "three spellings, one entry");
        assertSame(alice, cache.get(token));
        assertSame(alice, cache.get(padded));
        assertSame(alice, cache.get(standardAlphabet));
        assertEquals(3, cache.statistics().hits());
    }

    @Test
    void neverOutlivesExpNorTtl() {
        VerifiedTokenCache cache = cache(10, Duration.ofSeconds(60));
        String shortLived = token("short");
        String longLived = token("long");
        cache.put(shortLived, caller(NOW / 1000 + 10));
        cache.put(longLived, caller(NOW / 1000 + 3600));
        clock.set(NOW + 9_999);
        assertSame("alice", cache.get(shortLived).subject());
        clock.set(NOW + 10_000);
        assertNull(cache.get(shortLived), "expired token");
        clock.set(NOW + 59_999);
        assertSame("alice", cache.get(longLived).subject());
        clock.set(NOW + 60_000);
        assertNull(cache.get(longLived), "past the cache ttl");
    }

    @Test
    void keepsNoExpiredTokenNoTokenWithoutExpAndNothingWhenOff() {
        VerifiedTokenCache cache = cache(10, Duration.ofSeconds(60));
        String expired = token("expired");
        String noExp = token("no-exp");
        cache.put(expired, caller(NOW / 1000 - 1));
        cache.put(noExp, Caller.of(new JsonObject().put("sub", "bob")));
        cache.put(token("anonymous"), Caller.anonymousCaller());
        assertNull(cache.get(expired));
        assertNull(cache.get(noExp));
        assertEquals(0, cache.statistics().size());
        VerifiedTokenCache off = cache(0, Duration.ofSeconds(60));
        String t = token("t");
        off.put(t, caller(NOW / 1000 + 3600));
        assertNull(off.get(t));
    }

    @Test
    void staysWithinItsSizeAndCountsWhatItDoes() {
        VerifiedTokenCache cache = cache(2, Duration.ofSeconds(60));
        String a = token("a");
        String b = token("b");
        String c = token("c");
        cache.put(a, caller(NOW / 1000 + 3600));
        cache.put(b, caller(NOW / 1000 + 3600));
        cache.get(a);
        cache.get(a);
        cache.put(c, caller(NOW / 1000 + 3600));
        int kept = 0;
        for (String t : new String[] {a, b, c}) {
            kept += cache.get(t) == null ? 0 : 1;
        }
        VerifiedTokenCache.Statistics stats = cache.statistics();
        assertTrue(kept <= 2 && stats.size() <= 2, stats.toString());
        assertTrue(stats.evictions() >= 1, stats.toString());
        assertEquals(5, stats.hits() + stats.misses(), stats.toString());
        assertNotEquals(0, stats.hits(), stats.toString());
    }

    /** The key remembered by a token's exact text is a shortcut to the entry, never a second one. */
    @Test
    void aRememberedTokenTextAcceptsNothingItsEntryWouldNot() {
        VerifiedTokenCache cache = cache(10, Duration.ofSeconds(60));
        String token = token("alice");
        cache.put(token, caller(NOW / 1000 + 10));
        for (int i = 0; i < 3; i++) {
            assertSame("alice", cache.get(new String(token)).subject(), "the same text, read again");
        }
        clock.set(NOW + 10_000);
        assertNull(cache.get(token), "expired, though its text was remembered");
        assertNull(cache.get(new String(token)));
        assertEquals(3, cache.statistics().hits());
        assertEquals(2, cache.statistics().misses());

        // more texts than are remembered: each still answered from its entry
        VerifiedTokenCache big = cache(5000, Duration.ofSeconds(60));
        String[] tokens = new String[VerifiedTokenCache.MAX_REMEMBERED_TEXTS * 2 + 1];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = token("t" + i);
            big.put(tokens[i], caller(NOW / 1000 + 3600));
        }
        for (String t : tokens) {
            assertTrue(big.get(t) != null && big.get(new String(t)) != null);
        }
        assertEquals(tokens.length * 2L, big.statistics().hits());
    }
}
