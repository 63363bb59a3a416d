package io.fdwgateway.auth;

import java.time.Duration;

/** Exponential backoff between attempts at an unreachable endpoint: 1 s doubling up to 15 s. */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofSeconds(15);

    private Backoff() {
    }

    /** The wait after {@code failures} consecutive failures (1 or more). */
    static Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 4);
        Duration wait = FIRST.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
