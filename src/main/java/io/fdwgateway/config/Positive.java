package io.fdwgateway.config;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Converters that refuse zero and negative values. SmallRye Config reports a converter's
 * refusal with the key and the value, so a bad limit or duration stops start-up with a message
 * naming the key to fix.
 */
public final class Positive {

    private Positive() {
    }

    /** A whole number of at least 1. */
    public static final class Count implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(value, 1);
        }
    }

    /** A whole number of at least 0. */
    public static final class CountOrZero implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(value, 0);
        }
    }

    private static int atLeast(String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number of at least " + min + ", got \"" + value + "\"");
        }
        if (n < min) {
            throw new IllegalArgumentException("expected a whole number of at least " + min + ", got " + n);
        }
        return n;
    }

    /** A duration of at least one millisecond: {@code 1m}, {@code 30s}, {@code 500ms}, {@code PT1H}. */
    public static final class Span implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = DurationConverter.parseDuration(value.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("expected a duration such as 1m, 30s or 500ms, got \"" + value + "\"");
            }
            if (d == null || d.toMillis() < 1) {
                throw new IllegalArgumentException("expected a duration of at least 1ms, got \"" + value + "\"");
            }
            return d;
        }
    }

    /**
     * A rate-limit window: a duration of at least one second, since the {@code RateLimit-Policy}
     * field states windows in whole seconds.
     */
    public static final class Window implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = new Span().convert(value);
            if (d.toMillis() < 1000) {
                throw new IllegalArgumentException("expected a rate-limit period of at least 1s, got \"" + value + "\"");
            }
            return d;
        }
    }
}
