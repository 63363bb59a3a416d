package io.fdwgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySetConfigSourceFactoryTest {

    private static Duration sum(Map<String, String> settings) {
        return Duration.parse(settings.get(KeySetConfigSourceFactory.TIME_TO_LIVE))
                .plus(Duration.parse(settings.get(KeySetConfigSourceFactory.CLEAN_UP_INTERVAL)));
    }

    @Test
    void timeToLivePlusCleanUpIntervalIsTheMaxAge() {
        for (Duration maxAge : new Duration[] {Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofMinutes(5),
                Duration.ofHours(1)}) {
            assertEquals(maxAge, sum(KeySetConfigSourceFactory.settings(maxAge)), maxAge.toString());
        }
        assertEquals(Map.of(KeySetConfigSourceFactory.TIME_TO_LIVE, "PT4M30S",
                KeySetConfigSourceFactory.CLEAN_UP_INTERVAL, "PT30S"), KeySetConfigSourceFactory.settings(Duration.ofMinutes(5)));
    }

    @Test
    void aMaxAgeTooShortToScheduleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeySetConfigSourceFactory.settings(Duration.ofMillis(50)));
    }
}
