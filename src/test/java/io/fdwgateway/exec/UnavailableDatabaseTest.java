package io.fdwgateway.exec;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.dev.Jdbc;
import io.fdwgateway.support.OwnDatabaseResource;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A gateway on a Postgres of its own, with a pool of one connection: an exhausted pool and
 * then a stopped database both answer 503 with Retry-After, and say nothing of the server.
 */
@QuarkusTest
@TestProfile(UnavailableDatabaseTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnavailableDatabaseTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a statement timeout far above the test's own waits: the held call must outlast them
            return Map.of("quarkus.datasource.reactive.max-size", "1",
                    "gateway.pool.acquire-timeout", "2s", // start-up checks use the pool too: room for a slow connect
                    "gateway.statement-timeout", "30s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnDatabaseResource.class));
        }
    }

    private static final String ALICE = Tokens.forSubject("alice");
    private static final long LOCK = 7_001;

    private static void unavailable(ValidatableResponse r) {
        problem(r, 503, "GW503").header("Retry-After", equalTo("5"))
                .body(not(containsString("127.0.0.1")))
                .body(not(containsString("Connection")));
    }

    @Test
    @Order(1)
    void exhaustedPoolAnswers503() throws Exception {
        get(ALICE, "add", Map.of("a", "1")).statusCode(200); // warm: token verified, statements prepared
        try (Connection lock = Jdbc.connect(OwnDatabaseResource.gatewayDatabaseAdminUrl());
             Statement st = lock.createStatement()) {
            st.execute("select pg_advisory_lock(" + LOCK + ")");
            // a call that waits for the lock holds the pool's only connection for as long as the test holds it
            CompletableFuture<Integer> held = CompletableFuture.supplyAsync(
                    () -> get(ALICE, "wait_for_lock", Map.of("key", Long.toString(LOCK))).extract().statusCode());
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForLock(st));

            unavailable(get(ALICE, "add", Map.of("a", "1")));

            st.execute("select pg_advisory_unlock(" + LOCK + ")");
            assertEquals(200, held.get(10, TimeUnit.SECONDS));
        }
        get(ALICE, "add", Map.of("a", "1")).statusCode(200);
    }

    private static boolean waitingForLock(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                + " and objid = " + LOCK)) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    @Test
    @Order(2)
    void stoppedDatabaseAnswers503() {
        OwnDatabaseResource.stopDatabase();
        unavailable(get(ALICE, "add", Map.of("a", "1")));
        unavailable(get(ALICE, "get_stripe_products", Map.of("name_prefix", "B")));
    }
}
