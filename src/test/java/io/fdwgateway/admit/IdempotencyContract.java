package io.fdwgateway.admit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fdwgateway.auth.Caller;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.shared.SharedStore;
import io.fdwgateway.support.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The idempotency state machine, run against each store. */
abstract class IdempotencyContract {

    static Vertx vertx;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    /** The store under test; several calls give replicas of one shared store where the store is shared. */
    abstract SharedStore store();

    Idempotency idempotency(SharedStore store, String ttl, String inFlightTtl) {
        return new Idempotency(TestConfig.gateway(Map.of("gateway.idempotency.ttl", ttl,
                "gateway.idempotency.in-flight-ttl", inFlightTtl)).idempotency(), store, vertx, new AdmissionMetrics(registry));
    }

    Idempotency idempotency() {
        return idempotency(store(), "24h", "30s");
    }

    static CallerKey caller() {
        return CallerKey.of(Caller.of(new JsonObject().put("iss", "https://idp").put("sub", UUID.randomUUID().toString())), null);
    }

    static byte[] fingerprint(String argumentsJson) throws Exception {
        return Fingerprint.of("public.record_event(text, jsonb)", "authenticated", JSON.readTree(argumentsJson));
    }

    static StoredAnswer answer(int status, String body) {
        return new StoredAnswer(status, List.of(Map.entry("Content-Type", "application/json; charset=utf-8")),
                body == null ? null : Buffer.buffer(body));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static GatewayError refusal(Future<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(GatewayException.class, e.getCause()).error();
    }

    @Test
    void theFirstCallRunsAndARepeatReplaysItsAnswerByteForByte() throws Exception {
        Idempotency idempotency = idempotency();
        CallerKey caller = caller();
        byte[] fp = fingerprint("{\"kind\":\"signup\",\"payload\":{\"a\":1}}");
        IdempotentCall first = await(idempotency.begin(caller, "public.record_event", "key-1", fp));
        StoredAnswer sent = new StoredAnswer(200, List.of(Map.entry("Content-Type", "application/json; charset=utf-8"),
                Map.entry("Allow", "POST")), Buffer.buffer(new byte[] {'4', '2', 0, (byte) 0xe9}));
        await(assertInstanceOf(IdempotentCall.Run.class, first).finish(sent));
        for (int i = 0; i < 2; i++) {
            IdempotentCall.Replay replay = assertInstanceOf(IdempotentCall.Replay.class,
                    await(idempotency.begin(caller, "public.record_event", "key-1",
                            fingerprint("{\"payload\":{\"a\":1},\"kind\":\"signup\"}"))));
            assertEquals(200, replay.answer().status());
            assertEquals(sent.headers(), replay.answer().headers());
            assertArrayEquals(sent.body().getBytes(), replay.answer().body().getBytes());
        }
        assertEquals(2.0, registry.get("gateway.idempotent.requests").tag("result", "replayed").counter().count());
        assertEquals(1.0, registry.get("gateway.idempotent.requests").tag("result", "executed").counter().count());
    }

    @Test
    void aNoContentAnswerAndA4xxAreKeptButA5xxFreesTheKey() throws Exception {
        Idempotency idempotency = idempotency();
        CallerKey caller = caller();
        byte[] fp = fingerprint("{}");

        await(((IdempotentCall.Run) await(idempotency.begin(caller, "public.log_visit", "void", fp))).finish(answer(204, null)));
        await(((IdempotentCall.Run) await(idempotency.begin(caller, "public.record_event", "bad", fp))).finish(answer(400, "{}")));
        await(((IdempotentCall.Run) await(idempotency.begin(caller, "public.record_event", "boom", fp))).finish(answer(504, "{}")));
        await(((IdempotentCall.Run) await(idempotency.begin(caller, "public.record_event", "lost", fp))).finish(null));

        StoredAnswer noContent = ((IdempotentCall.Replay) await(idempotency.begin(caller, "public.log_visit", "void", fp))).answer();
        assertEquals(204, noContent.status());
        assertNull(noContent.body());
        assertEquals(400, ((IdempotentCall.Replay) await(idempotency.begin(caller, "public.record_event", "bad", fp)))
                .answer().status());
        assertInstanceOf(IdempotentCall.Run.class, await(idempotency.begin(caller, "public.record_event", "boom", fp)),
                "after a 5xx the retry runs the call again");
        assertInstanceOf(IdempotentCall.Run.class, await(idempotency.begin(caller, "public.record_event", "lost", fp)),
                "after a call that failed without an answer the retry runs again");
    }

    @Test
    void otherArgumentsWithTheSameKeyAre422WhileRunningAndAfter() throws Exception {
        Idempotency idempotency = idempotency();
        CallerKey caller = caller();
        IdempotentCall.Run run = (IdempotentCall.Run) await(idempotency.begin(caller, "public.record_event", "k",
                fingerprint("{\"kind\":\"a\"}")));
        GatewayError running = refusal(idempotency.begin(caller, "public.record_event", "k", fingerprint("{\"kind\":\"b\"}")));
        assertEquals(422, running.status());
        assertEquals("GW422-idempotency-mismatch", running.code());
        await(run.finish(answer(200, "1")));
        assertEquals("GW422-idempotency-mismatch",
                refusal(idempotency.begin(caller, "public.record_event", "k", fingerprint("{\"kind\":\"b\"}"))).code());
        byte[] asOtherRole = Fingerprint.of("public.record_event(text, jsonb)", "service_role",
                JSON.readTree("{\"kind\":\"a\"}"));
        assertEquals("GW422-idempotency-mismatch",
                refusal(idempotency.begin(caller, "public.record_event", "k", asOtherRole)).code(),
                "an answer made for one role is not replayed to another");
    }

    @Test
    void aRepeatWhileTheFirstRunsIs409AndTheMarkerIsRenewedWhileItRuns() throws Exception {
        Idempotency idempotency = idempotency(store(), "24h", "600ms");
        CallerKey caller = caller();
        byte[] fp = fingerprint("{\"kind\":\"slow\"}");
        IdempotentCall.Run run = (IdempotentCall.Run) await(idempotency.begin(caller, "public.record_event", "k", fp));
        for (int i = 0; i < 4; i++) {
            GatewayError conflict = refusal(idempotency.begin(caller, "public.record_event", "k", fp));
            assertEquals(409, conflict.status());
            assertEquals("GW409-idempotency-in-flight", conflict.code());
            Thread.sleep(400);
        }
        await(run.finish(answer(201, "\"created\"")));
        assertEquals(201, ((IdempotentCall.Replay) await(idempotency.begin(caller, "public.record_event", "k", fp)))
                .answer().status());
    }

    @Test
    void theMarkerOfACallWhoseReplicaDiedExpires() throws Exception {
        SharedStore store = store();
        Idempotency idempotency = idempotency(store, "24h", "30s");
        CallerKey caller = caller();
        byte[] fp = fingerprint("{\"kind\":\"crash\"}");
        // what a replica that died mid-call leaves: its marker, no longer renewed
        assertNull(await(store.putIfAbsent(Idempotency.storeKey(caller, "public.record_event", "k"),
                IdempotencyRecord.Running.start(fp).encode(), Duration.ofMillis(700))));
        assertEquals(409, refusal(idempotency.begin(caller, "public.record_event", "k", fp)).status());
        Thread.sleep(1000);
        assertInstanceOf(IdempotentCall.Run.class, await(idempotency.begin(caller, "public.record_event", "k", fp)),
                "the key is free once the dead replica's marker expired");
    }

    @Test
    void answersExpireAfterTheTtl() throws Exception {
        Idempotency idempotency = idempotency(store(), "700ms", "30s");
        CallerKey caller = caller();
        byte[] fp = fingerprint("{}");
        await(((IdempotentCall.Run) await(idempotency.begin(caller, "public.record_event", "k", fp))).finish(answer(200, "1")));
        assertInstanceOf(IdempotentCall.Replay.class, await(idempotency.begin(caller, "public.record_event", "k", fp)));
        Thread.sleep(800);
        assertInstanceOf(IdempotentCall.Run.class, await(idempotency.begin(caller, "public.record_event", "k", fp)));
    }

    @Test
    void keysArePerCallerAndPerFunction() throws Exception {
        Idempotency idempotency = idempotency();
        CallerKey alice = caller();
        CallerKey bob = caller();
        byte[] fp = fingerprint("{}");
        await(((IdempotentCall.Run) await(idempotency.begin(alice, "public.record_event", "shared", fp))).finish(answer(200, "1")));
        assertInstanceOf(IdempotentCall.Run.class, await(idempotency.begin(bob, "public.record_event", "shared", fp)),
                "another caller's key never replays alice's answer");
        assertInstanceOf(IdempotentCall.Run.class, await(idempotency.begin(alice, "public.log_visit", "shared", fp)));
        assertInstanceOf(IdempotentCall.Replay.class, await(idempotency.begin(alice, "public.record_event", "shared", fp)));
    }
}
