package io.fdwgateway.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Leaves the SQL and Redis clients' spans out when the sampler can record none. A call sends
 * eleven statements, and quarkus-opentelemetry's SQL client instrumentation builds a span for
 * each (its attributes, the sanitised statement text) before the sampler drops it; its Redis
 * client instrumentation, asked first whether each statement is its own, copies the
 * statement's tags into a map to tell. With the default sampler ({@code traceidratio} at 0)
 * that was more than half of what a call allocated, for spans nobody can see. When the sampler
 * can record (a ratio above 0, or another sampler) nothing is changed, so the database and Redis
 * work is in the exported traces as before. The HTTP instrumentation, which gives every request
 * its trace id, is untouched. This source ranks below {@code application.properties}, so
 * {@code quarkus.otel.instrument.vertx-sql-client} or {@code vertx-redis-client} set there or in
 * the environment wins.
 */
public class TracingConfigSourceFactory implements ConfigSourceFactory {

    static final String SAMPLER = "quarkus.otel.traces.sampler";
    static final String SAMPLER_ARG = "quarkus.otel.traces.sampler.arg";
    static final String SQL_CLIENT_SPANS = "quarkus.otel.instrument.vertx-sql-client";
    static final String REDIS_CLIENT_SPANS = "quarkus.otel.instrument.vertx-redis-client";
    private static final int ORDINAL = 110;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(settings(value(context, SAMPLER), value(context, SAMPLER_ARG)),
                "gateway tracing: no client spans when none can be recorded", ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    /** Both client instrumentations off when the sampler records nothing; no setting otherwise. */
    static Map<String, String> settings(String sampler, String samplerArg) {
        return recordsNothing(sampler, samplerArg)
                ? Map.of(SQL_CLIENT_SPANS, "false", REDIS_CLIENT_SPANS, "false") : Map.of();
    }

    /**
     * {@code always_off}, or {@code traceidratio} (which ignores the caller's sampled flag) at a
     * ratio of 0. Parent-based samplers follow the caller's flag, so they may record.
     */
    static boolean recordsNothing(String sampler, String samplerArg) {
        String name = sampler == null ? "" : sampler.trim().toLowerCase(Locale.ROOT);
        if (name.equals("always_off")) {
            return true;
        }
        if (!name.equals("traceidratio") || samplerArg == null) {
            return false;
        }
        try {
            return Double.parseDouble(samplerArg.trim()) <= 0.0;
        } catch (NumberFormatException e) {
            return false; // Quarkus refuses it at start with its own message
        }
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
