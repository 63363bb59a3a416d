package io.fdwgateway.exec;

import io.fdwgateway.dev.DevEnvironment;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The gateway with a pool of exactly one connection, reached through a {@link FreezingProxy}:
 * every call runs on the same session (so anything a call leaves behind is seen by the next
 * one), a lost connection shows as a new backend, and a test can make Postgres' answers stop
 * arriving. Statement timeout 4 s, deadline 1 s later.
 */
public class OneConnectionProfile implements QuarkusTestProfile {

    static final long STATEMENT_TIMEOUT_MILLIS = 4000;
    static final long DEADLINE_MILLIS = STATEMENT_TIMEOUT_MILLIS + 1000;
    private static final String PROXY = "fdw-gateway.test.freezing-proxy";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.reactive.max-size", "1",
                "gateway.pool.acquire-timeout", "1s",
                "gateway.statement-timeout", STATEMENT_TIMEOUT_MILLIS + "ms",
                "gateway.statement-timeout-margin", (DEADLINE_MILLIS - STATEMENT_TIMEOUT_MILLIS) + "ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ProxyResource.class));
    }

    /** From now on, the connection that next sends {@code marker} gets no more answers. */
    @SuppressWarnings("unchecked")
    static void freezeOn(String marker) {
        // kept in the system properties: the resource and the test may live in different class loaders
        ((Consumer<String>) System.getProperties().get(PROXY)).accept(marker);
    }

    public static class ProxyResource implements QuarkusTestResourceLifecycleManager {

        private FreezingProxy proxy;

        @Override
        public Map<String, String> start() {
            String admin = Optional.ofNullable(System.getenv("GATEWAY_DEV_ADMIN_JDBC_URL"))
                    .orElse(System.getProperty("gateway.dev.admin-jdbc-url", ""));
            DevEnvironment.ensureStarted(new DevEnvironment.Settings(admin, 0, 0, Path.of("sql")));
            try {
                proxy = new FreezingProxy(System.getProperty(DevEnvironment.DB_HOST_PROPERTY),
                        Integer.parseInt(System.getProperty(DevEnvironment.DB_PORT_PROPERTY)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            System.getProperties().put(PROXY, proxy);
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/fdw_gateway");
        }

        @Override
        public void stop() {
            System.getProperties().remove(PROXY);
            try {
                proxy.close();
            } catch (Exception e) {
                // the JVM is going away
            }
        }
    }
}
