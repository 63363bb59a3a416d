package io.fdwgateway.upstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.support.TestConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code gateway.upstream."<server>".*} and {@code gateway.upstream-defaults.*} as SmallRye Config reads them. */
class UpstreamConfigTest {

    @Test
    void aNamedServerTakesEachKeyItLeavesOutFromTheDefaults() {
        GatewayConfig config = TestConfig.gateway(Map.of(
                "gateway.upstream.\"stripe_server\".max-concurrent", "8",
                "gateway.upstream.\"stripe_server\".breaker.failures", "5",
                "gateway.upstream-defaults.max-concurrent", "2",
                "gateway.upstream-defaults.max-queue", "4",
                "gateway.upstream-defaults.breaker.open-for", "10s"));
        assertEquals(new UpstreamPolicy(Optional.of(8), 4, Optional.of(5), Duration.ofSeconds(10)),
                UpstreamPolicy.of("stripe_server", config));
        assertEquals(new UpstreamPolicy(Optional.of(2), 4, Optional.empty(), Duration.ofSeconds(10)),
                UpstreamPolicy.of("firebase", config));
    }

    @Test
    void withoutConfigurationNothingIsGuarded() {
        UpstreamPolicy policy = UpstreamPolicy.of("any", TestConfig.gateway(Map.of()));
        assertEquals(new UpstreamPolicy(Optional.empty(), 0, Optional.empty(), Duration.ofSeconds(30)), policy);
        assertFalse(policy.guards());
    }

    @Test
    void aValueThatDoesNotParseIsRefusedNamingItsKey() {
        List<Map.Entry<String, String>> bad = List.of(
                Map.entry("gateway.upstream.\"stripe_server\".max-concurrent", "many"),
                Map.entry("gateway.upstream.\"stripe_server\".max-concurrent", "0"),
                Map.entry("gateway.upstream.\"stripe_server\".max-queue", "-1"),
                Map.entry("gateway.upstream.\"stripe_server\".breaker.failures", "0"),
                Map.entry("gateway.upstream.\"stripe_server\".breaker.open-for", "a while"),
                Map.entry("gateway.upstream-defaults.max-queue", "x"),
                Map.entry("gateway.upstream-defaults.breaker.open-for", "0s"));
        for (Map.Entry<String, String> entry : bad) {
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> TestConfig.gateway(Map.of(entry.getKey(), entry.getValue())), entry::toString);
            StringBuilder messages = new StringBuilder();
            for (Throwable t = refused; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(entry.toString(), messages.toString(), allOf(
                    containsString(entry.getKey()), containsString(entry.getValue())));
        }
    }
}
