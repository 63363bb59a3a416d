package io.fdwgateway.warmup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the warm-up decides the JIT has gone quiet. */
class JitWatchTest {

    @Test
    void twoQuietSecondsInARowAfterTheFirstSecondEndIt() {
        JitWatch watch = new JitWatch();
        assertFalse(watch.sample(0, 100));
        assertFalse(watch.sample(1000, 100), "the first second never counts, even without compilation");
        assertFalse(watch.sample(2000, 110), "one quiet second");
        assertTrue(watch.sample(3000, 120), "two in a row");
    }

    @Test
    void aBusySecondStartsTheCountAgain() {
        JitWatch watch = new JitWatch();
        watch.sample(0, 0);
        watch.sample(1000, 800);
        assertFalse(watch.sample(2000, 810));
        assertFalse(watch.sample(3000, 1400), "busy: 590 ms compiling");
        assertFalse(watch.sample(4000, 1420));
        assertTrue(watch.sample(5000, 1440));
    }

    @Test
    void theThresholdIsPerSecondSoALateSampleDoesNotHideABusyCompiler() {
        JitWatch watch = new JitWatch();
        watch.sample(0, 0);
        watch.sample(1000, 0);
        // 90 ms over 3 s is 30 ms per second: quiet; 90 ms over 1 s is not
        assertFalse(watch.sample(4000, 90));
        assertFalse(watch.sample(5000, 180), "90 ms in one second");
        assertFalse(watch.sample(6000, 229));
        assertTrue(watch.sample(7000, 270));
    }

    @Test
    void justUnderTheThresholdIsQuietAndAtItIsNot() {
        JitWatch watch = new JitWatch();
        watch.sample(0, 0);
        watch.sample(1000, 0);
        assertFalse(watch.sample(2000, JitWatch.QUIET_MILLIS_PER_SECOND));
        assertFalse(watch.sample(3000, 2 * JitWatch.QUIET_MILLIS_PER_SECOND - 1));
        assertTrue(watch.sample(4000, 3 * JitWatch.QUIET_MILLIS_PER_SECOND - 2));
    }
}
