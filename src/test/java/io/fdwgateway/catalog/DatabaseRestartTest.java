package io.fdwgateway.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.dev.Jdbc;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.OwnDatabaseResource;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own Postgres is stopped and started again on the same port while calls keep
 * coming. During the outage calls answer 503 with Retry-After, none waits longer than the
 * acquire timeout and none answers 500; within 5 s of the database being back calls answer
 * 200 and functions created after the restart are served (the LISTEN connection is back);
 * no pool connection stays in use.
 *
 * <p>{@code retry-max-backoff} is 2 s here, so the listener's next attempt comes within 2 s of
 * the database being back however long the restart took on a loaded machine.
 */
@QuarkusTest
@TestProfile(DatabaseRestartTest.OwnDatabase.class)
class DatabaseRestartTest {

    static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(2);
    static final int POOL_SIZE = 4;

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", Integer.toString(POOL_SIZE),
                    "gateway.pool.acquire-timeout", ACQUIRE_TIMEOUT.toMillis() + "ms",
                    "gateway.catalog.retry-max-backoff", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnDatabaseResource.class));
        }
    }

    private static final String ALICE = Tokens.forSubject("alice");

    private record Outcome(long startNanos, long millis, int status, String retryAfter) {
    }

    private static Response call(String function, String query) {
        return given().header("Authorization", "Bearer " + ALICE).get("/rpc/" + function + query);
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = Jdbc.connect(OwnDatabaseResource.gatewayDatabaseAdminUrl()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String servedFunction(String name) {
        return "create function public." + name + "() returns text language sql stable security definer"
                + " set search_path = '' as $$ select '" + name + "' $$;"
                + " alter function public." + name + "() owner to api_definer;"
                + " revoke execute on function public." + name + "() from public;"
                + " grant execute on function public." + name + "() to authenticated;";
    }

    @Test
    void survivesARestartUnderLoad() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> call("add", "?a=1").statusCode() == 200);

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(6);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(load.submit(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    Response r = call("add", "?a=1");
                    outcomes.add(new Outcome(start, (System.nanoTime() - start) / 1_000_000, r.statusCode(),
                            r.header("Retry-After")));
                }
                return null;
            }));
        }
        long up;
        long downAt;
        int mark = GatewayLog.mark();
        try {
            Thread.sleep(1000);
            downAt = System.nanoTime();
            OwnDatabaseResource.stopDatabase();
            Thread.sleep(2000);
            OwnDatabaseResource.startDatabase();
            up = System.nanoTime();

            // created right after the restart: served once the listener is back and has reloaded
            execute(servedFunction("after_restart"));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> call("add", "?a=1").statusCode() == 200);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> call("after_restart", "").statusCode() == 200);
            assertThat("recovered within 5 s of the database being back",
                    (System.nanoTime() - up) / 1_000_000, lessThan(5000L));
            // and the NOTIFY of a second change arrives: the LISTEN connection is up again
            execute(servedFunction("after_restart_2"));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> call("after_restart_2", "").statusCode() == 200);
            Thread.sleep(500);
        } finally {
            running.set(false);
            for (Future<?> client : clients) {
                client.get(30, TimeUnit.SECONDS);
            }
            load.shutdown();
        }

        List<Outcome> all = new ArrayList<>(outcomes);
        Map<Integer, Long> byStatus = all.stream().collect(Collectors.groupingBy(Outcome::status, Collectors.counting()));
        assertEquals(java.util.Set.of(200, 503), byStatus.keySet(), () -> "statuses seen: " + byStatus);
        List<Outcome> unavailable = all.stream().filter(o -> o.status() == 503).toList();
        assertTrue(unavailable.stream().allMatch(o -> "5".equals(o.retryAfter())), "every 503 carries Retry-After");
        assertTrue(unavailable.stream().anyMatch(o -> o.startNanos() > downAt && o.startNanos() < up),
                "calls during the outage answered 503");
        long slowest = all.stream().mapToLong(Outcome::millis).max().orElse(0);
        assertThat("no call waited longer than the acquire timeout (" + byStatus + ")", slowest,
                lessThan(ACQUIRE_TIMEOUT.toMillis()));

        assertNoPooledConnectionInUse();

        // one WARN for the outage, not one per reconnect attempt; one INFO when it is over
        String log = GatewayLog.since(mark);
        assertEquals(1, ReloadListenerTest.listenerWarnings(log), log);
        assertEquals(1, ReloadListenerTest.occurrences(log, "schema reload listener reconnected"), log);
    }

    /**
     * No connection is left leased: Postgres sees none of the pool's connections busy, and all
     * of the pool's connections can be leased at once again (a leaked lease would make one of
     * these calls wait for the acquire timeout and answer 503).
     */
    private static void assertNoPooledConnectionInUse() throws Exception {
        try (Connection c = Jdbc.connect(OwnDatabaseResource.gatewayDatabaseAdminUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     select pg_catalog.count(*) from pg_catalog.pg_stat_activity
                     where usename = 'authenticator' and application_name not like 'fdw-gateway %'
                       and state <> 'idle'""")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "pool connections busy in Postgres");
        }
        ExecutorService parallel = Executors.newFixedThreadPool(POOL_SIZE);
        try {
            List<Future<Integer>> slow = new ArrayList<>();
            for (int i = 0; i < POOL_SIZE; i++) {
                slow.add(parallel.submit(() -> call("slow", "?seconds=1").statusCode()));
            }
            for (Future<Integer> f : slow) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            parallel.shutdown();
        }
    }
}
