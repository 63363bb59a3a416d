package io.fdwgateway.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The memory store, on a clock the test moves. */
class MemoryStoreTest extends SharedStoreContract {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MemoryStore store = new MemoryStore(1024 * 1024, now::get);

    @Override
    SharedStore store() {
        return store;
    }

    @Override
    void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Test
    void theStoreStaysWithinItsBoundEvictingOldEntries() throws Exception {
        MemoryStore small = new MemoryStore(64 * 1024, now::get);
        Buffer kilobyte = Buffer.buffer(new byte[1024]);
        for (int i = 0; i < 500; i++) {
            await(small.putIfAbsent("k" + i, kilobyte, Duration.ofHours(1)));
        }
        int held = 0;
        for (int i = 0; i < 500; i++) {
            held += await(small.get("k" + i)) == null ? 0 : 1;
        }
        assertTrue(held > 0 && held <= 64, "at most 64 KiB of 1 KiB values are held, not 500: " + held);
    }

    @Test
    void aValueHandedOutIsACopy() throws Exception {
        Buffer value = Buffer.buffer("abc");
        await(store.putIfAbsent("copy", value, Duration.ofHours(1)));
        value.setByte(0, (byte) 'x');
        await(store.get("copy")).setByte(1, (byte) 'y');
        assertEquals(Buffer.buffer("abc"), await(store.get("copy")));
    }

    @Test
    void windowsAndValuesOfOtherKeysDoNotMix() throws Exception {
        assertTrue(await(store.take(List.of(new SharedStore.Quota("same", 1, Duration.ofMinutes(1))))).admitted());
        assertNull(await(store.get("same")), "a counter is not a value");
    }
}
