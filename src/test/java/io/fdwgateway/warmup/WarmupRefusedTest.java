package io.fdwgateway.warmup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without an anonymous role every warm-up request answers 401: the gateway still becomes ready,
 * and one WARN line gives the counts and says that only the HTTP and authentication layers were
 * warmed.
 */
@QuarkusTest
@TestProfile(WarmupRefusedTest.NoAnonymous.class)
class WarmupRefusedTest {

    public static class NoAnonymous implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // an empty value unsets the %test profile's anon role
            return Map.of("gateway.role.anonymous", "", "gateway.warmup.path", "/rpc/add?a=1&b=2",
                    "gateway.warmup.max-duration", "3s", "gateway.warmup.connections", "1");
        }
    }

    @Test
    void refusedRequestsAreReportedAndReadinessGoesUpAnyway() throws InterruptedException {
        JsonPath check = WarmupTest.warmupCheckOnceEnded();
        assertThat(check.getString("data.answers"), matchesPattern("401: \\d+"));
        Management.given().get("/q/health/ready").then().statusCode(200);
        String log = GatewayLog.text();
        int at = log.lastIndexOf("warm-up ended after");
        int end = log.indexOf('\n', at);
        String line = log.substring(log.lastIndexOf('\n', at) + 1, end < 0 ? log.length() : end);
        assertThat(line, containsString("WARN"));
        assertThat(line.substring(line.indexOf("warm-up ended after")), matchesPattern(
                "warm-up ended after \\d+\\.\\d s \\([^)]*\\): \\d+ requests to /rpc/add\\?a=1&b=2, answers 401: \\d+;"
                + " gateway.role.anonymous is unset, so the requests were refused with 401 and only the"
                + " HTTP and authentication layers were warmed, not the call; the gateway is ready anyway"));
    }
}
