package io.fdwgateway.exec;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.fdwgateway.support.OwnDatabaseResource;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
            return Map.of("quarkus.datasource.reactive.max-size", "1",
                    "gateway.pool.acquire-timeout", "300ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnDatabaseResource.class));
        }
    }

    private static final String ALICE = Tokens.forSubject("alice");

    private static void unavailable(ValidatableResponse r) {
        problem(r, 503, "GW503").header("Retry-After", equalTo("5"))
                .body(not(containsString("127.0.0.1")))
                .body(not(containsString("Connection")));
    }

    @Test
    @Order(1)
    void exhaustedPoolAnswers503() throws Exception {
        get(ALICE, "add", Map.of("a", "1")).statusCode(200); // warm: token verified, statements prepared
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(
                () -> get(ALICE, "slow", Map.of("seconds", "1.8")).extract().statusCode());
        // while the slow call holds the only connection, another call waits 300 ms and gives up
        io.restassured.response.Response refused = null;
        long deadline = System.nanoTime() + 1_500_000_000L;
        while (refused == null && System.nanoTime() < deadline) {
            io.restassured.response.Response r = io.restassured.RestAssured.given()
                    .header("Authorization", "Bearer " + ALICE).get("/rpc/add?a=1");
            if (r.statusCode() != 200) {
                refused = r;
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(refused, "no call was refused while the pool was exhausted");
        unavailable(refused.then());
        org.junit.jupiter.api.Assertions.assertEquals(200, slow.get());
        get(ALICE, "add", Map.of("a", "1")).statusCode(200);
    }

    @Test
    @Order(2)
    void stoppedDatabaseAnswers503() {
        OwnDatabaseResource.stopDatabase();
        unavailable(get(ALICE, "add", Map.of("a", "1")));
        unavailable(get(ALICE, "get_stripe_products", Map.of("name_prefix", "B")));
    }
}
