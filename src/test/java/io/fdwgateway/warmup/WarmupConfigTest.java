package io.fdwgateway.warmup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.config.ApiPath;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.support.TestConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code gateway.warmup.*} as start-up reads and checks it. */
class WarmupConfigTest {

    private static final ApiPath ROOT = new ApiPath("/");

    @Test
    void offByDefaultAndUnlessBothPathAndDurationAreSet() {
        GatewayConfig none = TestConfig.gateway(Map.of());
        assertEquals(Duration.ZERO, none.warmup().maxDuration());
        assertTrue(none.warmup().path().isEmpty());
        assertTrue(none.warmup().connections().isEmpty());
        assertFalse(Warmup.enabled(none.warmup()));
        assertFalse(Warmup.enabled(TestConfig.gateway(Map.of("gateway.warmup.path", "/rpc/add?a=1&b=2")).warmup()),
                "a path without a duration");
        assertFalse(Warmup.enabled(TestConfig.gateway(Map.of("gateway.warmup.max-duration", "30s")).warmup()),
                "a duration without a path");
        GatewayConfig both = TestConfig.gateway(Map.of("gateway.warmup.path", "/rpc/add?a=1&b=2",
                "gateway.warmup.max-duration", "30s", "gateway.warmup.connections", "3"));
        assertTrue(Warmup.enabled(both.warmup()));
        assertEquals(Optional.of(3), both.warmup().connections());
        assertEquals(List.of(), Warmup.problems(both.warmup(), ROOT));
    }

    @Test
    void aPathUnderTheApiIsTheRequestAsSent() {
        assertEquals("/rpc/add?a=1&b=2", WarmupTarget.of("/rpc/add?a=1&b=2", ROOT).uri());
        assertEquals("/rpc/list_plans", WarmupTarget.of(" /rpc/list_plans ", ROOT).uri());
        assertEquals("/rpc/echo?t=a%20b", WarmupTarget.of("/rpc/echo?t=a%20b", ROOT).uri());
        assertEquals("/rest/v1/rpc/add?a=1&b=2", WarmupTarget.of("/rest/v1/rpc/add?a=1&b=2", new ApiPath("/rest/v1")).uri());
    }

    @Test
    void anythingElseIsRefusedNamingTheKeyTheValueAndTheExpectedForm() {
        for (String bad : List.of("rpc/add", "GET /rpc/add", "POST /rpc/log_visit", "http://example.com/rpc/add",
                "//example.com/rpc/add", "/q/health", "/rpc/", "/rpc", "/rpc/add/more", "/rpc/add#x", "/rpc/a b",
                "/rest/v1/rpc/add", "")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> WarmupTarget.of(bad, ROOT), bad);
            assertThat(refused.getMessage(), allOf(containsString("gateway.warmup.path"), containsString("'" + bad + "'"),
                    containsString("GET"), containsString("/rpc/add?a=1&b=2")));
        }
        IllegalArgumentException wrongPrefix = assertThrows(IllegalArgumentException.class,
                () -> WarmupTarget.of("/rpc/add", new ApiPath("/rest/v1")));
        assertThat(wrongPrefix.getMessage(), containsString("must start with /rest/v1/rpc/"));
    }

    @Test
    void anInvalidPathOrDurationStopsStartUpBeforeTheDatabase() {
        GatewayConfig config = TestConfig.gateway(Map.of("gateway.warmup.path", "POST /rpc/log_visit",
                "gateway.warmup.max-duration", "30s"));
        Warmup warmup = new Warmup(config, ROOT, null, null, Optional.empty(), true, Optional.empty(), Optional.empty());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> warmup.check(null));
        assertThat(refused.getMessage(), allOf(containsString("refusing to start"), containsString("gateway.warmup.path"),
                containsString("POST /rpc/log_visit")));

        // a path is checked even while the warm-up is off, so a typo is not found on the day it is turned on
        assertThat(Warmup.problems(TestConfig.gateway(Map.of("gateway.warmup.path", "/q/metrics")).warmup(), ROOT)
                .toString(), containsString("gateway.warmup.path"));
        assertThat(Warmup.problems(TestConfig.gateway(Map.of("gateway.warmup.max-duration", "-1s")).warmup(), ROOT)
                .toString(), containsString("gateway.warmup.max-duration"));
    }

    @Test
    void connectionsMustBePositiveNamingTheKey() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> TestConfig.gateway(Map.of("gateway.warmup.connections", "0")).warmup().connections());
        StringBuilder all = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        assertThat(all.toString(), containsString("gateway.warmup.connections"));
    }

    @Test
    void defaultConnectionsAreTwiceTheEventLoopsAndAWildcardHostIsReachedOnLoopback() {
        GatewayConfig config = TestConfig.gateway(Map.of("gateway.warmup.path", "/rpc/add", "gateway.warmup.max-duration", "5s"));
        assertEquals(6, new Warmup(config, ROOT, null, null, Optional.empty(), true, Optional.empty(), Optional.of(3))
                .connections());
        assertEquals(2 * 2 * Runtime.getRuntime().availableProcessors(),
                new Warmup(config, ROOT, null, null, Optional.empty(), true, Optional.empty(), Optional.empty()).connections());
        assertEquals("127.0.0.1", Warmup.loopbackFor("0.0.0.0"));
        assertEquals("127.0.0.1", Warmup.loopbackFor("[::]"));
        assertEquals("127.0.0.1", Warmup.loopbackFor(""));
        assertEquals("10.1.2.3", Warmup.loopbackFor("10.1.2.3"));
        assertEquals("localhost", Warmup.loopbackFor("localhost"));
    }
}
