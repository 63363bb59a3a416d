package io.fdwgateway.http;

import static io.fdwgateway.support.Api.post;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.logging.RequestIds;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.RawHttp;
import io.fdwgateway.support.Tokens;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies an anonymous attacker can send that used to answer 500 or an empty 413 with two
 * ERROR stack traces: numbers no number type can hold, and chunked bodies (no
 * Content-Length) over {@code quarkus.http.limits.max-body-size}. Each answers a 4xx
 * problem+json, and the log holds at most one short line for it.
 */
@QuarkusTest
class BodyEdgeCasesTest {

    private static final String ALICE = Tokens.forSubject("alice");

    @ParameterizedTest
    @ValueSource(strings = {"{\"x\":1e9999999999}", "{\"x\":-1e9999999999}", "{\"x\":1e-9999999999}",
            "{\"x\":1E+2147483648}", "{\"x\":[1, 1e99999999999]}", "{\"x\":{\"y\":1e99999999999}}",
            "{\"n\":1e9999999999}", "{\"x\":NaN}", "{\"x\":Infinity}", "{\"x\":-Infinity}", "{\"x\":1e}",
            "{\"x\":.5}", "{\"x\":0x10}", "{\"x\":01}", "{\"x\":+1}"})
    void numbersNoTypeCanHoldAre400(String body) {
        int mark = GatewayLog.mark();
        List<String> ids = new ArrayList<>();
        for (String token : new String[] {null, ALICE}) {
            ids.add(problem(post(token, "echo_types", body), 400, "GW400-body")
                    .extract().header(RequestIds.HEADER));
        }
        assertQuiet(GatewayLog.since(mark), ids);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413ProblemJson() {
        int mark = GatewayLog.mark();
        byte[] body = jsonOfSize(maxBodyBytes() + 200_000);
        RawHttp.Answer answer = RawHttp.send("POST", "/rpc/get_stripe_products",
                "Authorization: Bearer " + ALICE + "\r\nContent-Type: application/json\r\n", body, true);
        assertEquals(413, answer.status(), answer.toString());
        assertThat(answer.header("Content-Type"), equalTo("application/problem+json"));
        assertThat(answer.header("Connection"), equalTo("close"));
        JsonObject problem = new JsonObject(answer.body());
        assertEquals("GW413", problem.getString("code"));
        assertEquals(413, problem.getInteger("status"));
        assertEquals(answer.header(RequestIds.HEADER), problem.getString("requestId"));
        assertQuiet(GatewayLog.since(mark), List.of(answer.header(RequestIds.HEADER)));
        // the gateway, its pool and the next call are unaffected
        post(ALICE, "add", "{\"a\":40,\"b\":2}").statusCode(200).body(equalTo("42"));
    }

    @Test
    void aChunkedBodyIsBoundedAtExactlyTheLimit() {
        String auth = "Authorization: Bearer " + ALICE + "\r\nContent-Type: application/json\r\n";
        RawHttp.Answer atLimit = RawHttp.send("POST", "/rpc/get_stripe_products", auth, jsonOfSize(maxBodyBytes()), true);
        assertEquals(200, atLimit.status(), atLimit.body());
        assertEquals("[]", atLimit.body());
        RawHttp.Answer over = RawHttp.send("POST", "/rpc/get_stripe_products", auth, jsonOfSize(maxBodyBytes() + 1), true);
        assertEquals(413, over.status(), over.body());
    }

    @Test
    void aSmallChunkedBodyIsRead() {
        RawHttp.Answer answer = RawHttp.send("POST", "/rpc/add",
                "Authorization: Bearer " + ALICE + "\r\nContent-Type: application/json\r\n",
                "{\"a\":40,\"b\":2}".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(200, answer.status(), answer.body());
        assertEquals("42", answer.body());
    }

    /** {"name_prefix":"xxx…"} of exactly {@code size} bytes. */
    private static byte[] jsonOfSize(long size) {
        String open = "{\"name_prefix\":\"";
        String close = "\"}";
        return (open + "x".repeat((int) (size - open.length() - close.length())) + close).getBytes(StandardCharsets.UTF_8);
    }

    private static long maxBodyBytes() {
        return ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
    }

    /** At most one line per request, no stack trace, no exception name, nothing the client sent. */
    private static void assertQuiet(String log, List<String> requestIds) {
        assertThat(log, not(containsString("\tat ")));
        assertThat(log, not(containsString("Exception")));
        assertThat(log, not(containsString("9999999999")));
        for (String id : requestIds) {
            long lines = log.lines().filter(l -> l.contains(id)).count();
            assertThat("log lines for " + id, lines, lessThanOrEqualTo(1L));
        }
    }
}
