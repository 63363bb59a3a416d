package io.fdwgateway.catalog;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.dev.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Who can make the gateway reload, and how often: the reference event trigger ignores
 * temporary objects (any role with TEMP may create them), and however many NOTIFYs a login
 * sends, loads start at most once per {@code gateway.catalog.reload-min-interval}.
 */
@QuarkusTest
class ReloadTriggerTest {

    @Inject
    SchemaCache cache;

    private static String url(String user) {
        return DevEnvironment.gatewayDatabaseAdminUrl().replace("user=postgres", "user=" + user);
    }

    /** Notifications on fdw_gateway that arrive while {@code sql} runs in another session. */
    private static List<String> notificationsDuring(String sql) throws Exception {
        try (Connection listener = Jdbc.connect(DevEnvironment.gatewayDatabaseAdminUrl());
             Connection actor = Jdbc.connect(DevEnvironment.gatewayDatabaseAdminUrl())) {
            try (Statement st = listener.createStatement()) {
                st.execute("listen fdw_gateway");
            }
            try (Statement st = actor.createStatement()) {
                st.execute(sql);
            }
            List<String> payloads = new ArrayList<>();
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(1500);
            if (got != null) {
                for (PGNotification n : got) {
                    payloads.add(n.getParameter());
                }
            }
            return payloads;
        }
    }

    @Test
    void temporaryObjectsDoNotNotify() throws Exception {
        assertEquals(List.of(), notificationsDuring("""
                create temp table reload_temp (id serial primary key, note text);
                create index on reload_temp (note);
                alter table reload_temp add column extra int;
                create function pg_temp.reload_temp_fn() returns int language sql as 'select 1';
                drop function pg_temp.reload_temp_fn();
                drop table reload_temp;
                """));
    }

    @Test
    void otherDdlStillNotifies() throws Exception {
        assertEquals(List.of("reload"), notificationsDuring("create table public.reload_trigger_probe (id int)"));
        assertEquals(List.of("reload"), notificationsDuring("drop table public.reload_trigger_probe"));
        assertEquals(List.of("reload"), notificationsDuring(
                "grant execute on function public.add(int, int) to anon"));
    }

    @Test
    void aNotifyStormCostsOneLoadPerInterval() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> cache.status().staleSince() == null);
        long before = cache.status().loads();
        long started = System.nanoTime();
        // any login may notify: here the gateway's own login role, 200 times in a row
        try (Connection c = Jdbc.connect(url("authenticator")); Statement st = c.createStatement()) {
            for (int i = 0; i < 200; i++) {
                st.execute("notify fdw_gateway, 'reload'");
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> cache.status().staleSince() == null);
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
        long loads = cache.status().loads() - before;
        assertTrue(loads >= 1, "the storm was heard");
        // default reload-min-interval 1s: one load per second the storm lasted, plus the one after it
        assertThat(loads, lessThanOrEqualTo(seconds + 2));
    }
}
