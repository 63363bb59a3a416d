package io.fdwgateway.auth;

import static io.fdwgateway.auth.IdentityProviderState.KeySetFetch.ALLOW;
import static io.fdwgateway.auth.IdentityProviderState.KeySetFetch.UNAVAILABLE;
import static io.fdwgateway.auth.IdentityProviderState.KeySetFetch.UNKNOWN_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdentityProviderStateTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final IdentityProviderState state = new IdentityProviderState(false, clock::get, Duration.ofSeconds(10));

    @Test
    void anUnknownKeyIdIsRefusedWithoutAFetchOnlyRightAfterAKeySetWithoutIt() {
        assertEquals(ALLOW, state.beforeKeySetFetch("k9", true), "nothing fetched yet");
        state.keySetFetched(Set.of("k1", "k2"));
        assertEquals(ALLOW, state.beforeKeySetFetch("k1", true), "a published key whose cache entry expired");
        assertEquals(UNKNOWN_KEY, state.beforeKeySetFetch("k9", true));
        assertEquals(UNKNOWN_KEY, state.beforeKeySetFetch(null, true), "tokens without a key id");
        assertEquals(ALLOW, state.beforeKeySetFetch(null, false), "quarkus-oidc loading keys for itself");
        clock.addAndGet(9_999);
        assertEquals(UNKNOWN_KEY, state.beforeKeySetFetch("k9", true));
        clock.addAndGet(1);
        assertEquals(ALLOW, state.beforeKeySetFetch("k9", true), "a rotated-in key is fetched after 10 s");
    }

    @Test
    void failedFetchesBackOffAndASuccessEndsTheOutage() {
        state.keySetFetched(Set.of("k1"));
        state.keySetFailed();
        assertTrue(state.unreachable());
        assertEquals(UNAVAILABLE, state.beforeKeySetFetch("k1", true));
        clock.addAndGet(1_000);
        assertEquals(ALLOW, state.beforeKeySetFetch("k1", true));
        state.keySetFailed();
        clock.addAndGet(1_999);
        assertEquals(UNAVAILABLE, state.beforeKeySetFetch("k1", true), "the second failure waits 2 s");
        clock.addAndGet(1);
        assertEquals(ALLOW, state.beforeKeySetFetch("k1", true));
        state.keySetFetched(Set.of("k1"));
        assertFalse(state.unreachable());
        state.keySetFailed();
        clock.addAndGet(1_000);
        assertEquals(ALLOW, state.beforeKeySetFetch("k1", true), "backoff starts over after a success");
    }

    @Test
    void discoveryRetriesBackOffUntilItSucceeds() {
        assertFalse(state.discovered());
        state.discoveryFailed();
        assertEquals(Duration.ofSeconds(1), state.untilNextDiscovery());
        state.discoveryFailed();
        state.discoveryFailed();
        assertEquals(Duration.ofSeconds(4), state.untilNextDiscovery());
        state.discoverySucceeded();
        assertTrue(state.discovered());
        assertFalse(state.unreachable());
        assertEquals(Duration.ZERO, state.untilNextDiscovery());
        assertEquals(true, state.describe().get("discovered"));
    }

    @Test
    void backoffDoublesUpTo15Seconds() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 15L, 15L), List.of(1, 2, 3, 4, 5, 30).stream()
                .map(n -> Backoff.after(n).toSeconds()).toList());
    }

    @Test
    void theKeyIdIsReadFromTheHeaderAndTheKeySetFromItsDocument() {
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes());
        assertEquals("k1", KeySetFetchGuard.keyId(header + ".e30.c2ln"));
        assertEquals(null, KeySetFetchGuard.keyId("not-a-token"));
        assertEquals(null, KeySetFetchGuard.keyId("%%%.e30.c2ln"));
        assertEquals(Set.of("a", "b"), KeySetFetchGuard.keyIds(io.vertx.mutiny.core.buffer.Buffer.buffer(
                "{\"keys\":[{\"kid\":\"a\"},{\"kid\":\"b\"},{\"kty\":\"RSA\"}]}")));
        assertEquals(Set.of(), KeySetFetchGuard.keyIds(io.vertx.mutiny.core.buffer.Buffer.buffer("<html>")));
    }
}
