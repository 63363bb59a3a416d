package io.fdwgateway.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The shipped HTTP limits: no connection kept for Quarkus' default 30 minutes, a connection
 * cap, and an idle timeout long enough for the slowest call the statement timeout allows.
 */
@QuarkusTest
class HttpDefaultsTest {

    @Test
    void connectionsAreBoundedByDefault() {
        Config config = ConfigProvider.getConfig();
        Duration idle = config.getValue("quarkus.http.idle-timeout", Duration.class);
        Duration statement = config.getValue("gateway.statement-timeout", Duration.class);
        assertTrue(idle.compareTo(Duration.ofMinutes(2)) <= 0, "idle timeout " + idle);
        assertTrue(idle.compareTo(statement) > 0, "idle timeout " + idle + " <= statement timeout " + statement);
        // longer than a typical load balancer's idle timeout (60 s), so the proxy closes first
        assertTrue(idle.compareTo(Duration.ofSeconds(60)) > 0, "idle timeout " + idle);
        int connections = config.getValue("quarkus.http.limits.max-connections", Integer.class);
        assertTrue(connections > 0 && connections <= 10_000, "max connections " + connections);
        assertTrue(config.getValue("quarkus.http.limits.max-header-size", MemorySize.class).asLongValue() <= 32 * 1024);
        assertTrue(config.getValue("quarkus.http.limits.max-initial-line-length", Integer.class) <= 8192);
    }
}
