package io.fdwgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingConfigSourceFactoryTest {

    @Test
    void sqlClientSpansAreLeftOutOnlyWhenNothingCanBeRecorded() {
        // the gateway's defaults (application.properties)
        assertEquals(Map.of(TracingConfigSourceFactory.SQL_CLIENT_SPANS, "false",
                TracingConfigSourceFactory.REDIS_CLIENT_SPANS, "false"),
                TracingConfigSourceFactory.settings("traceidratio", "0"));
        assertTrue(TracingConfigSourceFactory.recordsNothing("traceidratio", "0.0"));
        assertTrue(TracingConfigSourceFactory.recordsNothing(" TraceIdRatio ", " 0e0 "));
        assertTrue(TracingConfigSourceFactory.recordsNothing("always_off", null));

        // anything that may record keeps the database spans
        assertEquals(Map.of(), TracingConfigSourceFactory.settings("traceidratio", "1.0"));
        assertFalse(TracingConfigSourceFactory.recordsNothing("traceidratio", "0.0001"));
        assertFalse(TracingConfigSourceFactory.recordsNothing("traceidratio", null));
        assertFalse(TracingConfigSourceFactory.recordsNothing("traceidratio", "zero"));
        assertFalse(TracingConfigSourceFactory.recordsNothing("parentbased_traceidratio", "0"));
        assertFalse(TracingConfigSourceFactory.recordsNothing("always_on", "0"));
        assertFalse(TracingConfigSourceFactory.recordsNothing(null, null));
    }
}
