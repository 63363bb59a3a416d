package io.fdwgateway.admit;

import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Database;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Management;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis unreachable with {@code redis-failure=allow}: calls go through without a limit, counted;
 * an idempotent call answers 503 rather than run unprotected; the gateway stays ready.
 */
@QuarkusTest
@TestProfile(AdmissionProfiles.RedisDownAllow.class)
class RedisDownAllowTest {

    private static int logMark;

    @BeforeAll
    static void markTheLog() {
        // no call has met Redis yet: the gateway only connects when a call needs it
        logMark = GatewayLog.mark();
    }

    @Test
    void callsAreServedWithoutALimitAndCounted() {
        String token = Tokens.forSubject("down-" + UUID.randomUUID());
        double before = Metrics.value("gateway_store_failures_total", "outcome=\"allowed\",use=\"rate-limit\"");
        for (int i = 0; i < AdmissionProfiles.ADD + 3; i++) {
            Api.get(token, "add", java.util.Map.of("a", i)).statusCode(200).header("RateLimit", nullValue());
        }
        double after = Metrics.value("gateway_store_failures_total", "outcome=\"allowed\",use=\"rate-limit\"");
        assertEquals(before + AdmissionProfiles.ADD + 3, after);
    }

    @Test
    void anIdempotentCallAnswers503AndDoesNotRun() {
        String kind = "down-" + UUID.randomUUID();
        problem(Api.as(Tokens.forSubject("down")).contentType(ContentType.JSON).header("Idempotency-Key", "k1")
                .body("{\"kind\":\"" + kind + "\"}").when().post("/rpc/record_event").then(), 503, "GW503-store-unavailable")
                .header("Retry-After", equalTo("5"));
        assertEquals(0, Database.count("select count(*) from app.events where kind = ?", kind));
        Api.as(Tokens.forSubject("down")).contentType(ContentType.JSON).body("{\"kind\":\"" + kind + "\"}")
                .when().post("/rpc/record_event").then().statusCode(200);
        assertEquals(1, Database.count("select count(*) from app.events where kind = ?", kind));
    }

    @Test
    void theGatewayStaysReadyAndShowsRedisUnreachable() {
        Api.get(null, "whoami").statusCode(200);
        Management.given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'shared-state' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'shared-state' }.data.redis", equalTo("unreachable"));
        assertTrue(GatewayLog.since(logMark).contains("Redis cannot be reached"), "the outage is logged");
    }
}
