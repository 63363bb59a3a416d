package io.fdwgateway.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.PackagedGateway;
import io.fdwgateway.support.Tokens;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway in production mode logs JSON, one object per line, with one access
 * record per request whose fields are keys of its {@code mdc} object; and in that whole log,
 * from start to exit, there is no token, no argument value and no claim value but {@code sub}.
 */
class AccessLogIT {

    private static final List<String> FIELDS = List.of("requestId", "method", "function", "role", "sub", "status",
            "code", "durationMs", "bytes", "traceId");

    @Test
    void accessRecordsAreJsonAndTheLogHoldsNoSecrets() throws Exception {
        PackagedGateway.prepare();
        String marker = UUID.randomUUID().toString().replace("-", "");
        String argument = "arg" + marker;
        String claim = "claim" + marker;
        String sub = "sub" + UUID.randomUUID().toString().replace("-", "");
        String token = Tokens.valid(c -> {
            c.setSubject(sub);
            c.setStringClaim("tenant", claim);
            c.setStringClaim("email", claim + "@example.com");
        });
        String forged = Tokens.sign(Tokens.claims(c -> c.setStringClaim("tenant", claim)), Tokens.otherKey("k"), "k",
                AlgorithmIdentifiers.RSA_USING_SHA256);
        String badRole = Tokens.valid(c -> c.setStringClaim("role", "role" + marker));

        Map<String, HttpResponse<String>> answers = new HashMap<>();
        String ok;
        String anonymous;
        String unknown;
        String badArgument;
        String refused;
        try (PackagedGateway gateway = PackagedGateway.start("access-log-it", Map.of())) {
            ok = call(gateway, answers, token, "POST", "/rpc/record_event",
                    "{\"kind\":\"" + argument + "\",\"payload\":{\"secret\":\"" + argument + "\"}}", 200);
            call(gateway, answers, token, "GET", "/rpc/echo_types?tags=%7B" + argument + "%7D", null, 200);
            anonymous = call(gateway, answers, null, "GET", "/rpc/list_plans", null, 200);
            unknown = call(gateway, answers, token, "GET", "/rpc/no_such_" + marker, null, 404);
            badArgument = call(gateway, answers, token, "POST", "/rpc/add", "{\"a\":\"" + argument + "\"}", 400);
            refused = call(gateway, answers, forged, "POST", "/rpc/whoami", "{}", 401);
            call(gateway, answers, badRole, "GET", "/rpc/whoami", null, 403);
            call(gateway, answers, "garbage" + marker, "GET", "/rpc/whoami", null, 401);
            int exit = gateway.terminate(Duration.ofSeconds(60));
            assertTrue(exit == 0 || exit == 143, "stopped by SIGTERM, exit " + exit);
            String log = gateway.log();

            Map<String, JsonObject> records = new HashMap<>();
            List<String> notJson = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonObject object = new JsonObject(line);
                    if (AccessLog.CATEGORY.equals(object.getString("loggerName"))) {
                        JsonObject mdc = object.getJsonObject("mdc");
                        records.put(mdc.getString("requestId"), mdc);
                    }
                } catch (DecodeException e) {
                    notJson.add(line);
                }
            }
            assertTrue(notJson.isEmpty(), () -> "not one JSON object per line: " + notJson);
            assertEquals(answers.size(), records.size(), () -> "one access record per request:\n" + log);

            JsonObject record = records.get(ok);
            assertEquals("POST", record.getString("method"));
            assertEquals("record_event", record.getString("function"));
            assertEquals("authenticated", record.getString("role"));
            assertEquals(sub, record.getString("sub"));
            assertEquals("200", record.getString("status"));
            assertNull(record.getString("code"));
            assertTrue(Double.parseDouble(record.getString("durationMs")) > 0);
            assertEquals(Integer.toString(answers.get(ok).body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                    record.getString("bytes"));

            JsonObject anon = records.get(anonymous);
            assertEquals("list_plans", anon.getString("function"));
            assertEquals("anon", anon.getString("role"));
            assertFalse(anon.containsKey("sub"), "no subject for an anonymous call");

            assertEquals("unknown", records.get(unknown).getString("function"));
            assertEquals("GW404", records.get(unknown).getString("code"));
            assertEquals("400", records.get(badArgument).getString("status"));
            assertNotNull(records.get(badArgument).getString("code"));
            assertEquals("GW401-invalid-token", records.get(refused).getString("code"));
            assertFalse(records.get(refused).containsKey("role"), "a refused caller ran as no role");
            for (JsonObject r : records.values()) {
                assertTrue(FIELDS.containsAll(r.getMap().keySet()), () -> "only the contract's fields: " + r);
            }

            for (String secret : List.of(marker, token, forged, badRole, claim)) {
                assertThat(log, not(containsString(secret)));
            }
            assertThat(log, containsString(sub));
        }
    }

    /** Sends one request and returns its request id, after checking its status. */
    private static String call(PackagedGateway gateway, Map<String, HttpResponse<String>> answers, String token,
                               String method, String path, String json, int status) throws Exception {
        HttpRequest.Builder request = gateway.request(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> answer = gateway.send(request.build());
        assertEquals(status, answer.statusCode(), () -> method + " " + path + ": " + answer.body());
        String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
        answers.put(id, answer);
        return id;
    }
}
