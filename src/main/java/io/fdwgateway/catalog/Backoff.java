package io.fdwgateway.catalog;

import java.time.Duration;

/** Exponential backoff: the first delay, doubled on every further attempt, never beyond the cap. */
final class Backoff {

    private Backoff() {
    }

    /** Delay before attempt {@code attempt} (1 = the first retry). */
    static Duration delay(Duration first, Duration cap, int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long millis = first.toMillis();
        for (int i = 0; i < doublings && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /** "500 ms", "2 s", "1.5 s": durations as log lines show them. */
    static String text(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return (millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0)) + " s";
    }
}
