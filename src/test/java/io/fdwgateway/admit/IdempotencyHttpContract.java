package io.fdwgateway.admit;

import static io.fdwgateway.support.Api.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Database;
import io.fdwgateway.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys over HTTP, on the reference database's VOLATILE {@code record_event} (one row
 * in {@code app.events} per run): each test proves what ran by counting rows.
 */
abstract class IdempotencyHttpContract {

    static ValidatableResponse post(String token, String key, String function, String json) {
        var spec = Api.as(token).contentType(ContentType.JSON).body(json);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.when().post("/rpc/" + function).then();
    }

    static String event(String kind) {
        return "{\"kind\":\"" + kind + "\",\"payload\":{\"n\":1,\"m\":[1,2]}}";
    }

    static long runs(String kind) {
        return Database.count("select count(*) from app.events where kind = ?", kind);
    }

    static String caller() {
        return Tokens.forSubject("idem-" + UUID.randomUUID());
    }

    static String key() {
        return "\"" + UUID.randomUUID() + "\"";
    }

    @Test
    void aRepeatGetsTheFirstAnswerAndTheFunctionRunsOnce() {
        String token = caller();
        String key = key();
        String kind = "replay-" + UUID.randomUUID();
        ExtractableResponse<Response> first = post(token, key, "record_event", event(kind)).statusCode(200)
                .header("Idempotent-Replayed", nullValue()).extract();
        ExtractableResponse<Response> again = post(token, key, "record_event",
                "{\"payload\":{\"m\":[1,2],\"n\":1},\"kind\":\"" + kind + "\"}").statusCode(200)
                .header("Idempotent-Replayed", equalTo("true"))
                .header("Content-Type", equalTo(first.header("Content-Type")))
                .extract();
        assertEquals(first.asString(), again.asString(), "the same id, byte for byte");
        assertNotEquals(first.header("X-Request-Id"), again.header("X-Request-Id"), "every answer has its own request id");
        assertEquals(1, runs(kind));
    }

    @Test
    void theSameKeyWithOtherArgumentsIs422AndRunsNothing() {
        String token = caller();
        String key = key();
        String kind = "mismatch-" + UUID.randomUUID();
        post(token, key, "record_event", event(kind)).statusCode(200);
        problem(post(token, key, "record_event", event(kind + "-other")), 422, "GW422-idempotency-mismatch");
        assertEquals(0, runs(kind + "-other"));
        assertEquals(1, runs(kind));
    }

    @Test
    void aRepeatWhileTheFirstRunsIs409ThenReplaysItsAnswer() throws Exception {
        String token = caller();
        String key = key();
        String kind = "in-flight-" + UUID.randomUUID();
        CompletableFuture<ExtractableResponse<Response>> first;
        try (Database.Lock lock = Database.lock("app.events")) {
            first = CompletableFuture.supplyAsync(() -> post(token, key, "record_event", event(kind)).extract());
            await().atMost(Duration.ofSeconds(20)).until(() -> lock.waiters() > 0);
            problem(post(token, key, "record_event", event(kind)), 409, "GW409-idempotency-in-flight");
        }
        ExtractableResponse<Response> answered = first.get(30, TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode());
        post(token, key, "record_event", event(kind)).statusCode(200).header("Idempotent-Replayed", equalTo("true"))
                .body(equalTo(answered.asString()));
        assertEquals(1, runs(kind));
    }

    @Test
    void a5xxIsNotKeptSoTheRetryRunsAgain() throws Exception {
        String token = caller();
        String key = key();
        String kind = "timeout-" + UUID.randomUUID();
        try (Database.Lock lock = Database.lock("app.events")) {
            // held past gateway.statement-timeout (2s in tests): the call times out
            int status = post(token, key, "record_event", event(kind)).extract().statusCode();
            assertEquals(5, status / 100, "a 5xx: " + status);
        }
        post(token, key, "record_event", event(kind)).statusCode(200).header("Idempotent-Replayed", nullValue());
        post(token, key, "record_event", event(kind)).statusCode(200).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(1, runs(kind));
    }

    @Test
    void a4xxFromTheFunctionIsKeptAndReplayed() {
        String token = caller();
        String key = key();
        ExtractableResponse<Response> first = problem(post(token, key, "record_event", "{\"kind\":null}"), 400, "23502")
                .extract();
        problem(post(token, key, "record_event", "{\"kind\":null}"), 400, "23502")
                .header("Idempotent-Replayed", equalTo("true"))
                .body("requestId", equalTo(first.path("requestId")));
    }

    @Test
    void aVoidAnswerIsReplayedWithoutABody() {
        String token = caller();
        String key = key();
        String page = "idem-" + UUID.randomUUID();
        post(token, key, "log_visit", "{\"page\":\"" + page + "\"}").statusCode(204).header("Idempotent-Replayed", nullValue());
        post(token, key, "log_visit", "{\"page\":\"" + page + "\"}").statusCode(204)
                .header("Idempotent-Replayed", equalTo("true")).body(equalTo(""));
        assertEquals(1, Database.count("select count(*) from app.visits where page = ?", page));
    }

    @Test
    void answersExpireAfterTheTtl() {
        String token = caller();
        String key = key();
        String kind = "expiry-" + UUID.randomUUID();
        post(token, key, "record_event", event(kind)).statusCode(200);
        post(token, key, "record_event", event(kind)).statusCode(200).header("Idempotent-Replayed", equalTo("true"));
        await().pollDelay(Duration.ofSeconds(AdmissionProfiles.TTL_SECONDS)).atMost(Duration.ofSeconds(AdmissionProfiles.TTL_SECONDS + 30))
                .until(() -> post(token, key, "record_event", event(kind)).extract().header("Idempotent-Replayed") == null);
        assertEquals(2, runs(kind));
    }

    @Test
    void keysArePerCaller() {
        String key = key();
        String kind = "callers-" + UUID.randomUUID();
        post(caller(), key, "record_event", event(kind)).statusCode(200);
        post(caller(), key, "record_event", event(kind)).statusCode(200).header("Idempotent-Replayed", nullValue());
        assertEquals(2, runs(kind));
    }

    @Test
    void aBadKeyIs400AndRunsNothing() {
        String kind = "bad-key-" + UUID.randomUUID();
        problem(post(caller(), "k".repeat(256), "record_event", event(kind)), 400, "GW400-idempotency-key");
        problem(post(caller(), "caf\u00e9", "record_event", event(kind)), 400, "GW400-idempotency-key");
        problem(Api.as(caller()).contentType(ContentType.JSON).body(event(kind))
                .header("Idempotency-Key", "a").header("Idempotency-Key", "b")
                .when().post("/rpc/record_event").then(), 400, "GW400-idempotency-key");
        post(caller(), "k".repeat(255), "record_event", event(kind)).statusCode(200);
        assertEquals(1, runs(kind));
    }

    @Test
    void readOnlyFunctionsIgnoreTheKey() {
        String token = caller();
        String key = key();
        post(token, key, "add", "{\"a\":1}").statusCode(200).header("Idempotent-Replayed", nullValue());
        post(token, key, "add", "{\"a\":2}").statusCode(200).body(equalTo("2")).header("Idempotent-Replayed", nullValue());
        Api.as(token).header("Idempotency-Key", "x".repeat(300)).when().get("/rpc/list_plans").then().statusCode(200)
                .header("Idempotent-Replayed", not(equalTo("true")));
    }
}
