package io.fdwgateway.observe;

import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Management;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** The gateway_* metrics, scraped from the management interface after real calls. */
@QuarkusTest
class MetricsTest {

    @Test
    void callsAreTimedByServedFunctionRoleAndStatus() throws Exception {
        String token = Tokens.forSubject("metrics-" + UUID.randomUUID());
        String served = "gateway_calls_seconds_count{function=\"add\",role=\"authenticated\",status=\"200\"}";
        String anonymous = "gateway_calls_seconds_count{function=\"list_plans\",role=\"anon\",status=\"200\"}";
        double before = value(served);
        double anonBefore = value(anonymous);
        Api.get(token, "add", Map.of("a", "1", "b", "2")).statusCode(200);
        Api.get(token, "add", Map.of("a", "3", "b", "4")).statusCode(200);
        Api.get(null, "list_plans").statusCode(200);
        String text = scrape();
        Files.writeString(Path.of("target", "metrics-sample.txt"), text);
        assertEquals(before + 2, value(text, served));
        assertEquals(anonBefore + 1, value(text, anonymous));
        assertThat("a histogram with buckets", text,
                containsString("gateway_calls_seconds_bucket{function=\"add\",role=\"authenticated\",status=\"200\",le=\"0.005\"}"));
        assertThat(value(text, "gateway_calls_seconds_sum{function=\"add\",role=\"authenticated\",status=\"200\"}"),
                greaterThan(0.0));
    }

    @Test
    void namesThatAreNotServedAreCountedAsUnknown() {
        String token = Tokens.forSubject("metrics-unknown");
        String name = "no_such_function_" + UUID.randomUUID().toString().replace("-", "");
        String unknown = "gateway_calls_seconds_count{function=\"unknown\",role=\"authenticated\",status=\"404\"}";
        double before = value(unknown);
        problem(Api.get(token, name), 404, "GW404");
        problem(Api.get(token, "invoker_decoy"), 404, "GW404");
        String text = scrape();
        assertEquals(before + 2, value(text, unknown));
        assertThat("no client-chosen name becomes a label", text, not(containsString(name)));
        assertThat(text, not(containsString("invoker_decoy")));
    }

    @Test
    void refusedCallersAreCountedByReason() {
        Map<String, Double> before = Map.of(
                "expired", value(failures("expired")),
                "signature", value(failures("signature")),
                "malformed", value(failures("malformed")),
                "audience", value(failures("audience")),
                "role_refused", value(failures("role_refused")));
        problem(Api.get(Tokens.valid(c -> c.setExpirationTime(NumericDate.fromSeconds(1_000_000))), "add",
                Map.of("a", "1")), 401, "GW401-invalid-token");
        problem(Api.get(Tokens.sign(Tokens.claims(c -> { }), Tokens.otherKey("stranger"), "stranger", "RS256"), "add",
                Map.of("a", "1")), 401, "GW401-invalid-token");
        problem(Api.get("not-a-token", "add", Map.of("a", "1")), 401, "GW401-invalid-token");
        problem(Api.get(Tokens.valid(c -> c.setAudience("someone-else")), "add", Map.of("a", "1")), 401,
                "GW401-invalid-token");
        problem(Api.get(Tokens.withRole("postgres"), "add", Map.of("a", "1")), 403, "GW403-role");
        String text = scrape();
        before.forEach((reason, count) -> assertEquals(count + 1, value(text, failures(reason)), reason));
        // every reason is listed from the start
        for (String reason : new String[] {"missing", "issuer", "idp_unavailable"}) {
            assertThat(text, containsString(failures(reason)));
        }
    }

    @Test
    void catalogPostureAndTokenCacheAreReported() {
        String token = Tokens.forSubject("metrics-cache-" + UUID.randomUUID());
        double hits = value("gateway_token_cache_hits_total");
        double misses = value("gateway_token_cache_misses_total");
        Api.get(token, "add", Map.of("a", "1", "b", "1")).statusCode(200);
        Api.get(token, "add", Map.of("a", "1", "b", "1")).statusCode(200);
        String text = scrape();
        assertEquals(misses + 1, value(text, "gateway_token_cache_misses_total"));
        assertEquals(hits + 1, value(text, "gateway_token_cache_hits_total"));
        assertThat(text, containsString("gateway_token_cache_evictions_total"));
        assertThat(value(text, "gateway_catalog_functions"), greaterThan(5.0));
        assertThat(value(text, "gateway_catalog_reloads_total{result=\"success\"}"), greaterThanOrEqualTo(1.0));
        assertThat(text, containsString("gateway_catalog_reloads_total{result=\"failure\"}"));
        assertThat(text, containsString("gateway_catalog_withheld "));
        assertThat(text, containsString("gateway_posture_findings{severity=\"error\"}"));
    }

    @Test
    void thePoolIsReportedUnderTheGatewayNamesAndTheClientMetersAreGone() {
        Api.get(null, "list_plans").statusCode(200);
        String text = scrape();
        assertThat(value(text, "gateway_pool_acquire_seconds_count"), greaterThanOrEqualTo(1.0));
        assertThat(text, containsString("gateway_pool_in_use "));
        assertThat(text, containsString("gateway_pool_waiting "));
        assertThat(text, containsString("gateway_pool_idle "));
        assertThat(text, not(containsString("sql_pool_")));
        assertThat(text, not(containsString("postgresql_queue_size")));
        assertThat("the duplicate gauge is not registered, so Micrometer does not warn",
                GatewayLog.text(), not(containsString("postgresql.queue.size")));
    }

    private static String failures(String reason) {
        return "gateway_auth_failures_total{reason=\"" + reason + "\"}";
    }

    static String scrape() {
        return Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double value(String sample) {
        return value(scrape(), sample);
    }

    /** The value of one sample, written as Prometheus does ({@code name{labels}}), or 0 when absent. */
    static double value(String text, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
