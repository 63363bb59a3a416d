package io.fdwgateway.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Out of the box the sampler records nothing, so the SQL client's eleven spans per call are not
 * built at all, nor does the Redis client's instrumentation look at each statement
 * (config.TracingConfigSourceFactory); the HTTP instrumentation, which gives each request its
 * trace id, stays on.
 */
@QuarkusTest
class TracingDefaultsTest {

    @Test
    void noSqlClientSpansWhenTheSamplerRecordsNothing() {
        var config = ConfigProvider.getConfig();
        assertEquals("traceidratio", config.getValue("quarkus.otel.traces.sampler", String.class));
        assertEquals(0.0, config.getValue("quarkus.otel.traces.sampler.arg", Double.class));
        assertFalse(config.getValue("quarkus.otel.instrument.vertx-sql-client", Boolean.class));
        assertFalse(config.getValue("quarkus.otel.instrument.vertx-redis-client", Boolean.class));
        assertEquals(Boolean.TRUE, config.getValue("quarkus.otel.instrument.vertx-http", Boolean.class));
    }
}
