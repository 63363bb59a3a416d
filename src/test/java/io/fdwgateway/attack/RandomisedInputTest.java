package io.fdwgateway.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated requests at /rpc/*: names, argument maps and bodies from
 * {@link InputGenerator} (seeded, so a failure replays with {@code -Dfuzz.seed=…}). Every
 * answer must be a deliberate status, every error problem+json, and no answer may show SQL
 * or the gateway's internals.
 */
@QuarkusTest
class RandomisedInputTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0x5EC_A0D17L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 2_000);
    /** The only functions whose purpose is to fail with a 5xx (raise_error raises any SQLSTATE it is given). */
    private static final Set<String> DELIBERATE_5XX = Set.of("raise_error");
    /** Text that only the gateway's SQL, Postgres internals or a stack trace would put in any answer. */
    private static final List<String> INTERNALS = List.of("pg_catalog", "jsonb_to_record", "set_config", "json_agg",
            "lateral", "select ", "exception", "\tat ", "io.fdwgateway", "io.vertx", "java.", "context:",
            "statement:", "sql function");
    /** Connection details, which no error may show (whoami's data legitimately holds the issuer's host). */
    private static final List<String> CONNECTION_DETAILS = List.of("postgresql://", "authenticator", "api_definer",
            "stripe_server", "127.0.0.1");

    @Test
    void generatedRequestsGetDeliberateAnswersOnly() {
        InputGenerator gen = new InputGenerator(SEED);
        String[] tokens = {null, Tokens.forSubject("fuzz"), Tokens.withRole("service_role")};
        int errors = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String name = gen.functionName();
            boolean get = gen.chance(0.4);
            // the URL is encoded here, so that REST Assured's {template} syntax never sees a generated brace
            RequestSpecification spec = Api.as(tokens[gen.below(tokens.length)]).urlEncodingEnabled(false);
            String path = "/rpc/" + encode(name);
            String request;
            Response response;
            if (get) {
                Map<String, String> query = gen.queryParameters();
                request = "GET " + name + " " + query;
                response = spec.get(query.isEmpty() ? path : path + query.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&", "?", "")));
            } else {
                String body = gen.body();
                request = "POST " + name + " " + abbreviate(body);
                if (gen.chance(0.9)) {
                    spec.contentType("application/json");
                }
                response = spec.body(body).post(path);
            }
            String replay = "seed " + SEED + " round " + round + ": " + request;
            int status = response.statusCode();
            String text = response.asString();
            if (status >= 500 && !DELIBERATE_5XX.contains(name)) {
                fail(replay + " answered " + status + ": " + text);
            }
            if (status >= 400) {
                errors++;
                assertProblem(response, status, replay);
            }
            String lower = text.toLowerCase(Locale.ROOT);
            List<String> forbidden = status >= 400
                    ? Stream.concat(INTERNALS.stream(), CONNECTION_DETAILS.stream()).toList()
                    : INTERNALS;
            for (String internal : forbidden) {
                assertTrue(!lower.contains(internal) || sentByClient(replay, internal),
                        () -> replay + " leaked '" + internal + "': " + text);
            }
        }
        // the generator must have reached both the call path and the refusals
        assertTrue(errors > ROUNDS / 10 && errors < ROUNDS, "errors: " + errors + " of " + ROUNDS);
    }

    private static void assertProblem(Response response, int status, String replay) {
        assertTrue(response.contentType().startsWith("application/problem+json"),
                () -> replay + " answered " + status + " as " + response.contentType());
        JsonObject problem = new JsonObject(response.asString());
        assertEquals(status, problem.getInteger("status"), replay);
        for (String member : new String[] {"type", "title", "code", "requestId"}) {
            assertNotNull(problem.getString(member), () -> replay + " lacks " + member);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean sentByClient(String replay, String internal) {
        return replay.toLowerCase(Locale.ROOT).contains(internal);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
