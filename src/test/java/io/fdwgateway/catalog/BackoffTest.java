package io.fdwgateway.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheCap() {
        Duration first = Duration.ofMillis(500);
        Duration cap = Duration.ofSeconds(30);
        assertEquals(Duration.ofMillis(500), Backoff.delay(first, cap, 1));
        assertEquals(Duration.ofMillis(1000), Backoff.delay(first, cap, 2));
        assertEquals(Duration.ofMillis(16000), Backoff.delay(first, cap, 6));
        assertEquals(cap, Backoff.delay(first, cap, 7));
        assertEquals(cap, Backoff.delay(first, cap, 1_000_000));
    }

    @Test
    void textIsForPeople() {
        assertEquals("500 ms", Backoff.text(Duration.ofMillis(500)));
        assertEquals("30 s", Backoff.text(Duration.ofSeconds(30)));
        assertEquals("1.5 s", Backoff.text(Duration.ofMillis(1500)));
    }
}
