package io.fdwgateway.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.config.ApiPath;
import io.fdwgateway.support.TestConfig;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The readiness check: DOWN from the start while a warm-up is configured, UP when it is off. */
class WarmupHealthCheckTest {

    private static Warmup warmup(Map<String, String> properties) {
        return new Warmup(TestConfig.gateway(properties), new ApiPath("/"), null, null, Optional.empty(), true,
                Optional.empty(), Optional.empty());
    }

    @Test
    void configuredIsDownUntilItEnds() {
        HealthCheckResponse response = new WarmupHealthCheck(warmup(Map.of("gateway.warmup.path", "/rpc/add?a=1&b=2",
                "gateway.warmup.max-duration", "30s"))).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("warm-up", response.getName());
        assertEquals("waiting", response.getData().orElseThrow().get("phase"));
    }

    @Test
    void offIsUp() {
        HealthCheckResponse response = new WarmupHealthCheck(warmup(Map.of("gateway.warmup.path", "/rpc/add?a=1&b=2"))).call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("off", response.getData().orElseThrow().get("phase"));
    }
}
