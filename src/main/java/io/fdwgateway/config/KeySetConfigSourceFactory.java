package io.fdwgateway.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code gateway.auth.jwks-max-age} into quarkus-oidc's key cache settings. With
 * {@code quarkus.oidc.jwks.resolve-early=false}, quarkus-oidc caches each key for
 * {@code jwks.cache-time-to-live}, but only a timer running every
 * {@code jwks.clean-up-timer-interval} removes expired keys: a key is dropped at most
 * time-to-live plus one interval after it was fetched, and then fetched again from the JWKS
 * endpoint. Both are derived so that their sum is the max age. This source ranks below
 * {@code application.properties}, so values set there or in the environment win.
 */
public class KeySetConfigSourceFactory implements ConfigSourceFactory {

    static final String MAX_AGE = "gateway.auth.jwks-max-age";
    static final String TIME_TO_LIVE = "quarkus.oidc.jwks.cache-time-to-live";
    static final String CLEAN_UP_INTERVAL = "quarkus.oidc.jwks.clean-up-timer-interval";
    private static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
    private static final Duration LONGEST_INTERVAL = Duration.ofSeconds(30);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);
    private static final int ORDINAL = 110;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue(MAX_AGE);
        Duration maxAge = value == null || value.getValue() == null || value.getValue().isBlank()
                ? DEFAULT_MAX_AGE : DurationConverter.parseDuration(value.getValue().trim());
        return List.of(new PropertiesConfigSource(settings(maxAge), "gateway.auth.jwks-max-age", ORDINAL));
    }

    /** The two quarkus-oidc settings whose sum is {@code maxAge}. */
    static Map<String, String> settings(Duration maxAge) {
        if (maxAge == null || maxAge.compareTo(SHORTEST_INTERVAL.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(MAX_AGE + " must be at least " + SHORTEST_INTERVAL.multipliedBy(2).toMillis()
                    + " ms, got " + maxAge);
        }
        Duration interval = maxAge.dividedBy(10);
        if (interval.compareTo(LONGEST_INTERVAL) > 0) {
            interval = LONGEST_INTERVAL;
        } else if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            interval = SHORTEST_INTERVAL;
        }
        return Map.of(TIME_TO_LIVE, maxAge.minus(interval).toString(), CLEAN_UP_INTERVAL, interval.toString());
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
