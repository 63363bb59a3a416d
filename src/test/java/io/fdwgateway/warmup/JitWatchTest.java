package io.fdwgateway.warmup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the warm-up decides the JIT has gone quiet. */
class JitWatchTest {

    private static final long MANY = JitWatch.MINIMUM_REQUESTS;

    @Test
    void twoQuietSecondsInARowAfterTheFirstSecondEndIt() {
        JitWatch watch = new JitWatch();
        assertFalse(watch.sample(0, 100, MANY));
        assertFalse(watch.sample(1000, 100, MANY), "the first second never counts, even without compilation");
        assertFalse(watch.sample(2000, 110, MANY), "one quiet second");
        assertTrue(watch.sample(3000, 120, MANY), "two in a row");
    }

    @Test
    void aBusySecondStartsTheCountAgain() {
        JitWatch watch = new JitWatch();
        watch.sample(0, 0, MANY);
        watch.sample(1000, 800, MANY);
        assertFalse(watch.sample(2000, 810, MANY));
        assertFalse(watch.sample(3000, 1400, MANY), "busy: 590 ms compiling");
        assertFalse(watch.sample(4000, 1420, MANY));
        assertTrue(watch.sample(5000, 1440, MANY));
    }

    @Test
    void theThresholdIsPerSecondSoALateSampleDoesNotHideABusyCompiler() {
        JitWatch watch = new JitWatch();
        watch.sample(0, 0, MANY);
        watch.sample(1000, 0, MANY);
        // 90 ms over 3 s is 30 ms per second: quiet; 90 ms over 1 s is not
        assertFalse(watch.sample(4000, 90, MANY));
        assertFalse(watch.sample(5000, 180, MANY), "90 ms in one second");
        assertFalse(watch.sample(6000, 229, MANY));
        assertTrue(watch.sample(7000, 270, MANY));
    }

    @Test
    void justUnderTheThresholdIsQuietAndAtItIsNot() {
        JitWatch watch = new JitWatch();
        watch.sample(0, 0, MANY);
        watch.sample(1000, 0, MANY);
        assertFalse(watch.sample(2000, JitWatch.QUIET_MILLIS_PER_SECOND, MANY));
        assertFalse(watch.sample(3000, 2 * JitWatch.QUIET_MILLIS_PER_SECOND - 1, MANY));
        assertTrue(watch.sample(4000, 3 * JitWatch.QUIET_MILLIS_PER_SECOND - 2, MANY));
    }

    @Test
    void aQuietCompilerDoesNotEndItBeforeEnoughRequests() {
        JitWatch watch = new JitWatch();
        watch.sample(0, 0, 0);
        watch.sample(1000, 0, 500);
        assertFalse(watch.sample(2000, 0, 1000));
        assertFalse(watch.sample(3000, 0, 1500), "quiet, but too few requests for C2 to have compiled anything");
        assertFalse(watch.sample(4000, 0, MANY - 1));
        assertTrue(watch.sample(5000, 0, MANY));
    }
}
