package io.fdwgateway.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.shared.SharedStore.Quota;
import io.fdwgateway.shared.SharedStore.Tally;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link SharedStore} does, run against each implementation. */
abstract class SharedStoreContract {

    /** The store under test. */
    abstract SharedStore store();

    /** Lets this much time pass for the store. */
    abstract void pass(Duration time) throws InterruptedException;

    /** A key no other test uses. */
    static String key(String what) {
        return "test:{" + UUID.randomUUID() + "}:" + what;
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aQuotaAdmitsUpToItsLimitThenRefusesWithoutCounting() throws Exception {
        Quota quota = new Quota(key("caller"), 3, Duration.ofMinutes(1));
        for (int i = 1; i <= 3; i++) {
            Tally tally = await(store().take(List.of(quota)));
            assertTrue(tally.admitted(), "call " + i);
            assertEquals(i, tally.usages().get(0).used());
        }
        for (int i = 0; i < 2; i++) {
            Tally refused = await(store().take(List.of(quota)));
            assertFalse(refused.admitted());
            assertEquals(3, refused.usages().get(0).used(), "a refused call is not counted");
        }
        Duration reset = await(store().take(List.of(quota))).usages().get(0).resetIn();
        assertTrue(reset.compareTo(Duration.ofSeconds(50)) > 0 && reset.compareTo(Duration.ofMinutes(1)) <= 0,
                "the window closes a period after the first call: " + reset);
    }

    @Test
    void aCallCountsAgainstEveryQuotaOrNone() throws Exception {
        Quota wide = new Quota(key("caller"), 10, Duration.ofMinutes(1));
        Quota narrow = new Quota(key("fn"), 1, Duration.ofMinutes(1));
        Tally first = await(store().take(List.of(wide, narrow)));
        assertTrue(first.admitted());
        assertEquals(List.of(1L, 1L), first.usages().stream().map(SharedStore.Usage::used).toList());

        Tally refused = await(store().take(List.of(wide, narrow)));
        assertFalse(refused.admitted());
        assertEquals(List.of(1L, 1L), refused.usages().stream().map(SharedStore.Usage::used).toList(),
                "refused by the narrow quota, the call is not counted against the wide one either");

        Tally other = await(store().take(List.of(wide)));
        assertTrue(other.admitted());
        assertEquals(2, other.usages().get(0).used());
    }

    @Test
    void aWindowClosesAPeriodAfterItsFirstCall() throws Exception {
        Quota quota = new Quota(key("caller"), 1, Duration.ofSeconds(1));
        assertTrue(await(store().take(List.of(quota))).admitted());
        assertFalse(await(store().take(List.of(quota))).admitted());
        pass(Duration.ofMillis(1300));
        Tally next = await(store().take(List.of(quota)));
        assertTrue(next.admitted(), "a new window opens");
        assertEquals(1, next.usages().get(0).used());
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() throws Exception {
        String key = key("idem");
        assertNull(await(store().putIfAbsent(key, Buffer.buffer("first"), Duration.ofMinutes(1))));
        assertEquals(Buffer.buffer("first"), await(store().putIfAbsent(key, Buffer.buffer("second"), Duration.ofMinutes(1))));
        assertEquals(Buffer.buffer("first"), await(store().get(key)));
    }

    @Test
    void replaceRenewAndRemoveActOnlyWhileTheKeyHoldsTheExpectedValue() throws Exception {
        String key = key("idem");
        Buffer marker = Buffer.buffer(new byte[] {1, 0, 2, (byte) 0xff});
        await(store().putIfAbsent(key, marker, Duration.ofMinutes(1)));
        assertFalse(await(store().replace(key, Buffer.buffer("other"), Buffer.buffer("x"), Duration.ofMinutes(1))));
        assertFalse(await(store().renew(key, Buffer.buffer("other"), Duration.ofMinutes(1))));
        assertFalse(await(store().remove(key, Buffer.buffer("other"))));
        assertArrayEquals(marker.getBytes(), await(store().get(key)).getBytes());

        assertTrue(await(store().renew(key, marker, Duration.ofMinutes(1))));
        assertTrue(await(store().replace(key, marker, Buffer.buffer("answer"), Duration.ofMinutes(1))));
        assertEquals(Buffer.buffer("answer"), await(store().get(key)));
        assertFalse(await(store().remove(key, marker)), "the marker was replaced");
        assertTrue(await(store().remove(key, Buffer.buffer("answer"))));
        assertNull(await(store().get(key)));
        assertFalse(await(store().replace(key, Buffer.buffer("answer"), Buffer.buffer("again"), Duration.ofMinutes(1))),
                "an absent key is never written by replace");
        assertNull(await(store().get(key)));
    }

    @Test
    void valuesExpireAndRenewingPushesTheExpiryBack() throws Exception {
        String gone = key("gone");
        String kept = key("kept");
        Buffer value = Buffer.buffer("v");
        await(store().putIfAbsent(gone, value, Duration.ofMillis(600)));
        await(store().putIfAbsent(kept, value, Duration.ofMillis(600)));
        pass(Duration.ofMillis(300));
        assertTrue(await(store().renew(kept, value, Duration.ofSeconds(5))));
        pass(Duration.ofMillis(600));
        assertNull(await(store().get(gone)));
        assertEquals(value, await(store().get(kept)));
        assertNull(await(store().putIfAbsent(gone, Buffer.buffer("new"), Duration.ofMinutes(1))),
                "an expired key is free again");
    }
}
