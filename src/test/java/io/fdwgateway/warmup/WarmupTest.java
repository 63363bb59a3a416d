package io.fdwgateway.warmup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With {@code gateway.warmup.*} set, the gateway calls {@code add} on itself, as the anonymous
 * role and through the whole request path, before readiness reports UP, and stops within its
 * max-duration.
 */
@QuarkusTest
@TestProfile(WarmupTest.Configured.class)
class WarmupTest {

    static final int MAX_SECONDS = 8;

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.warmup.path", "/rpc/add?a=1&b=2",
                    "gateway.warmup.max-duration", MAX_SECONDS + "s",
                    "gateway.warmup.connections", "2");
        }
    }

    @Test
    void theWarmupCallsTheFunctionAsAnonymousAndEndsWithinItsMaxDuration() throws InterruptedException {
        JsonPath check = warmupCheckOnceEnded();
        long requests = check.getLong("data.requests");
        assertThat(requests, greaterThan(0L));
        assertThat("every request answered 200", check.getString("data.answers"), matchesPattern("200: \\d+"));
        assertThat(check.getString("data.ended"), matchesPattern("the JIT is quiet|max-duration reached"));

        // the requests went through the call and its metrics, as the anonymous role
        double calls = callCount("add", "anon", "200");
        assertThat(calls, greaterThanOrEqualTo((double) requests - 2));

        String log = GatewayLog.text();
        assertThat(log, containsString("warm-up: GET /rpc/add?a=1&b=2 on 2 connection(s)"));
        assertThat("the access log has them", log, containsString("function=add role=anon status=200"));
        Matcher ended = Pattern.compile("warm-up ended after (\\d+\\.\\d) s \\((.*?)\\): (\\d+) requests to /rpc/add\\?a=1&b=2,"
                + " answers 200: (\\d+)").matcher(log);
        MatchResult last = null;
        while (ended.find()) {
            // the log file outlives test runs: this run's line is the last
            last = ended.toMatchResult();
        }
        assertNotNull(last, "one line reports the warm-up");
        assertThat(Double.parseDouble(last.group(1)), lessThanOrEqualTo(MAX_SECONDS + 2.0));
        assertEquals(requests, Long.parseLong(last.group(3)));
        assertEquals(requests, Long.parseLong(last.group(4)));
    }

    @Test
    void readinessListsTheWarmupBesideTheOtherChecks() throws InterruptedException {
        warmupCheckOnceEnded();
        List<String> names = Management.given().get("/q/health/ready").then().statusCode(200)
                .extract().jsonPath().getList("checks.name");
        assertTrue(names.containsAll(List.of("warm-up", "schema-cache")), names::toString);
    }

    /** The warm-up's readiness check, polled until it is UP (at most a little longer than max-duration). */
    static JsonPath warmupCheckOnceEnded() throws InterruptedException {
        long deadline = System.nanoTime() + (MAX_SECONDS + 15) * 1_000_000_000L;
        JsonPath body;
        do {
            body = Management.given().get("/q/health/ready").then().extract().jsonPath();
            String status = body.getString("checks.find { it.name == 'warm-up' }.status");
            if ("UP".equals(status)) {
                return new JsonPath(body.prettify()).setRootPath("checks.find { it.name == 'warm-up' }");
            }
            assertEquals("DOWN", status, "the warm-up check is there");
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the warm-up did not end: " + body.prettify());
    }

    /** {@code gateway_calls_seconds_count} of these labels. */
    static double callCount(String function, String role, String status) {
        String text = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^gateway_calls_seconds_count\\{function=\"" + function + "\",role=\"" + role
                + "\",status=\"" + status + "\"\\} (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
