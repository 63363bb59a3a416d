package io.fdwgateway.admit;

import static io.fdwgateway.admit.AdmissionProfiles.ADD;
import static io.fdwgateway.admit.AdmissionProfiles.PER_CALLER;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Database;
import io.fdwgateway.support.Management;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rate limits over HTTP, with the memory store, behind a trusted proxy. */
@QuarkusTest
@TestProfile(AdmissionProfiles.Memory.class)
class RateLimitHttpTest {

    private static String newCaller() {
        return Tokens.forSubject("rl-" + UUID.randomUUID());
    }

    private static ValidatableResponse add(String token) {
        return Api.post(token, "add", Map.of("a", 1, "b", 2));
    }

    @Test
    void aFunctionLimitAdmitsItsQuotaWithFieldsThenAnswers429() {
        String token = newCaller();
        for (int i = 1; i <= ADD; i++) {
            add(token).statusCode(200).body(equalTo("3"))
                    .header("RateLimit-Policy", equalTo("\"caller\";q=" + PER_CALLER + ";w=60, \"function\";q=" + ADD + ";w=60"))
                    .header("RateLimit", matchesPattern("\"caller\";r=" + (PER_CALLER - i) + ";t=\\d+, \"function\";r="
                            + (ADD - i) + ";t=\\d+"));
        }
        double before = Metrics.value("gateway_rate_limited_total", "function=\"add\"");
        ValidatableResponse refused = problem(add(token), 429, "GW429-rate-limited")
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .header("RateLimit", matchesPattern("\"caller\";r=" + (PER_CALLER - ADD) + ";t=\\d+, \"function\";r=0;t=\\d+"))
                .header("RateLimit-Policy", containsString("\"function\";q=" + ADD));
        int retryAfter = Integer.parseInt(refused.extract().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "until the window closes: " + retryAfter);
        assertEquals(before + 1, Metrics.value("gateway_rate_limited_total", "function=\"add\""));

        Api.get(token, "list_plans").statusCode(200)
                .header("RateLimit", matchesPattern("\"caller\";r=" + (PER_CALLER - ADD - 1) + ";t=\\d+"))
                .header("RateLimit-Policy", equalTo("\"caller\";q=" + PER_CALLER + ";w=60"));
        add(newCaller()).statusCode(200);
    }

    @Test
    void aRefusedCallNeverReachesPostgres() {
        String token = newCaller();
        String page = "rl-" + UUID.randomUUID();
        for (int i = 1; i < PER_CALLER; i++) {
            Api.get(token, "whoami").statusCode(200);
        }
        Api.post(token, "log_visit", Map.of("page", page)).statusCode(204).header("RateLimit", containsString("\"caller\";r=0"));
        problem(Api.post(token, "log_visit", Map.of("page", page)), 429, "GW429-rate-limited");
        problem(Api.post(token, "log_visit", Map.of("page", page)), 429, "GW429-rate-limited");
        assertEquals(1, Database.count("select count(*) from app.visits where page = ?", page));
    }

    @Test
    void thePerCallerLimitSpansFunctionsAndUnknownNames() {
        String token = newCaller();
        for (int i = 0; i < PER_CALLER; i++) {
            Api.get(token, i % 2 == 0 ? "list_plans" : "whoami").statusCode(200);
        }
        double before = Metrics.value("gateway_rate_limited_total", "function=\"unknown\"");
        problem(Api.get(token, "list_plans"), 429, "GW429-rate-limited").header("RateLimit", containsString("\"caller\";r=0"));
        problem(Api.get(token, "no_such_function_" + UUID.randomUUID().toString().replace("-", "")), 429,
                "GW429-rate-limited");
        assertEquals(before + 1, Metrics.value("gateway_rate_limited_total", "function=\"unknown\""),
                "a name that is not served is counted as unknown");
        String metrics = Management.given().get("/q/metrics").asString();
        assertThat("no client-chosen name becomes a label", metrics, not(containsString("no_such_function_")));
    }

    @Test
    void anonymousCallersCountByTheAddressTheTrustedProxyForwards() {
        String first = "203.0.113." + (1 + (int) (Math.random() * 250));
        String second = "2001:db8:" + Integer.toHexString((int) (Math.random() * 65535)) + "::1";
        for (int i = 0; i < PER_CALLER; i++) {
            anonymous(first).statusCode(200);
        }
        problem(anonymous(first), 429, "GW429-rate-limited");
        anonymous(second).statusCode(200).header("RateLimit", containsString("r=" + (PER_CALLER - 1) + ";"));
        anonymous(second.replace("::1", "::abcd")).statusCode(200)
                .header("RateLimit", containsString("r=" + (PER_CALLER - 2) + ";"));
    }

    private static ValidatableResponse anonymous(String forwardedFor) {
        return Api.as(null).header("X-Forwarded-For", forwardedFor).when().get("/rpc/list_plans").then();
    }

    @Test
    void callsRefusedBeforeAdmissionCarryNoFieldsAndLaterFailuresDo() {
        problem(Api.get("not-a-token", "list_plans"), 401, "GW401-invalid-token").header("RateLimit", nullValue());
        String token = newCaller();
        problem(Api.get(token, "no_such_function"), 404, "GW404").header("RateLimit", containsString("\"caller\";r="));
        problem(Api.post(token, "add", Map.of("a", "x")), 400, "22P02")
                .header("RateLimit", containsString("\"function\";r=" + (ADD - 1)));
    }
}
