package io.fdwgateway.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.dev.Jdbc;
import io.fdwgateway.support.Management;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The posture gate keeps working when the request pool is exhausted and when reloads fail: a
 * function made unsafe by a migration stops being served within seconds, and readiness says
 * when the catalog could not be confirmed for {@code gateway.catalog.stale-after}.
 */
@QuarkusTest
@TestProfile(PostureGateUnderStressTest.SmallPool.class)
class PostureGateUnderStressTest {

    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "2",
                    "gateway.pool.acquire-timeout", "1s",
                    "gateway.catalog.stale-after", "3s",
                    "gateway.catalog.retry-max-backoff", "2s");
        }
    }

    private static final String ALICE = Tokens.forSubject("alice");

    @AfterEach
    void cleanUp() {
        Superuser.execute("""
                set session_replication_role = replica;
                grant select on pg_catalog.pg_proc to public;
                reset session_replication_role;
                drop function if exists public.stress_probe();
                """);
    }

    private static int status(String function) {
        return given().header("Authorization", "Bearer " + ALICE).get("/rpc/" + function).statusCode();
    }

    private static void createProbe() {
        Superuser.execute("""
                create function public.stress_probe() returns text language sql stable security definer
                  set search_path = '' as $$ select 'probe' $$;
                alter function public.stress_probe() owner to api_definer;
                revoke execute on function public.stress_probe() from public;
                grant execute on function public.stress_probe() to authenticated;
                """);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> status("stress_probe") == 200);
    }

    /** Calls of public.slow that Postgres is running for the gateway right now. */
    private static int sleepingCalls() throws Exception {
        try (Connection c = Jdbc.connect(DevEnvironment.gatewayDatabaseAdminUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     select pg_catalog.count(*) from pg_catalog.pg_stat_activity
                     where usename = 'authenticator' and wait_event = 'PgSleep'""")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aFunctionMadeUnsafeWhileSlowCallsHoldThePoolStopsBeingServed() throws Exception {
        createProbe();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(load.submit(() -> {
                    while (running.get()) {
                        given().header("Authorization", "Bearer " + ALICE).get("/rpc/slow?seconds=1.5");
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sleepingCalls() == 2);

            // the migration: the function now runs as a superuser
            long migrated = System.nanoTime();
            Superuser.execute("alter function public.stress_probe() owner to postgres");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> status("stress_probe") == 404);
            assertThat("withheld within seconds", (System.nanoTime() - migrated) / 1_000_000, lessThan(5000L));
            assertEquals(2, sleepingCalls(), "the pool was held by slow calls all along");
        } finally {
            running.set(false);
            for (Future<?> client : clients) {
                client.get(30, TimeUnit.SECONDS);
            }
            load.shutdown();
        }
    }

    @Test
    void aFailedReloadIsRetriedAndReadinessReportsTheStaleCatalog() throws Exception {
        createProbe();
        // reloads fail: the login role cannot read pg_proc any more (this REVOKE's own NOTIFY
        // starts the first failing reload)
        Superuser.execute("revoke select on pg_catalog.pg_proc from public");
        // a migration makes the function unsafe; its reload fails too, so it is still served
        Superuser.execute("alter function public.stress_probe() owner to postgres");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                Management.given().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name == 'schema-cache' }.data.stale", equalTo(true)));
        assertEquals(200, status("stress_probe"), "the last good catalog is still served while loads fail");

        // the database becomes readable again, and nobody sends a NOTIFY (no event trigger fires
        // in replica mode): the retry alone withholds the function
        long restored = System.nanoTime();
        Superuser.execute("""
                set session_replication_role = replica;
                grant select on pg_catalog.pg_proc to public;
                """);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> status("stress_probe") == 404);
        assertThat("withheld within seconds of the database being readable",
                (System.nanoTime() - restored) / 1_000_000, lessThan(5000L));
        Management.given().get("/q/health/ready").then().statusCode(200);
    }
}
