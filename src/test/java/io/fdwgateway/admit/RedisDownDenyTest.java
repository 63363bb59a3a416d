package io.fdwgateway.admit;

import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Database;
import io.fdwgateway.support.Management;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Redis unreachable with {@code redis-failure=deny}: limited calls answer 503, nothing runs, the gateway stays ready. */
@QuarkusTest
@TestProfile(AdmissionProfiles.RedisDownDeny.class)
class RedisDownDenyTest {

    @Test
    void limitedCallsAnswer503AndNeverReachPostgres() {
        String page = "deny-" + UUID.randomUUID();
        double before = Metrics.value("gateway_store_failures_total", "outcome=\"denied\",use=\"rate-limit\"");
        problem(Api.post(Tokens.forSubject("deny"), "log_visit", Map.of("page", page)), 503, "GW503-store-unavailable")
                .header("Retry-After", equalTo("5"));
        problem(Api.get(null, "list_plans"), 503, "GW503-store-unavailable");
        assertEquals(0, Database.count("select count(*) from app.visits where page = ?", page));
        assertEquals(before + 2, Metrics.value("gateway_store_failures_total", "outcome=\"denied\",use=\"rate-limit\""));
        Management.given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'shared-state' }.data.redis", equalTo("unreachable"));
    }
}
