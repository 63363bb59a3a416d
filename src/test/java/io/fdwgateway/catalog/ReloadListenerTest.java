package io.fdwgateway.catalog;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Superuser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The LISTEN connection: a lost connection is reported once and followed by a reconnect and
 * a reload; stopping the listener (shutdown) is not reported as a problem.
 */
@QuarkusTest
class ReloadListenerTest {

    @Inject
    ReloadListener listener;
    @Inject
    SchemaCache cache;

    static long occurrences(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    /** WARN lines of the listener (the log file abbreviates the category's packages). */
    static long listenerWarnings(String text) {
        return text.lines().filter(l -> l.contains(" WARN ") && l.contains("ReloadListener]")).count();
    }

    @Test
    void aLostConnectionIsReportedOnceThenReconnectsAndReloads() {
        await().atMost(Duration.ofSeconds(20)).until(listener::listening);
        await().atMost(Duration.ofSeconds(20)).until(() -> cache.status().staleSince() == null);
        long loads = cache.status().loads();
        int mark = GatewayLog.mark();
        Superuser.execute("""
                select pg_catalog.pg_terminate_backend(pid) from pg_catalog.pg_stat_activity
                where application_name = 'fdw-gateway listen'""");
        await().atMost(Duration.ofSeconds(20)).until(() -> GatewayLog.since(mark).contains("schema reload listener reconnected"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cache.status().loads() > loads);
        String log = GatewayLog.since(mark);
        assertEquals(1, occurrences(log, "schema reload listener lost its database connection"), log);
        assertEquals(1, listenerWarnings(log), log);
    }

    @Test
    void stoppingIsNotAProblem() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(listener::listening);
        int mark = GatewayLog.mark();
        listener.stop();
        Thread.sleep(1000);
        try {
            assertThat(GatewayLog.since(mark), not(containsString("ReloadListener]")));
        } finally {
            listener.start();
            await().atMost(Duration.ofSeconds(20)).until(listener::listening);
        }
    }
}
