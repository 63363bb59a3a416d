package io.fdwgateway.admit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.error.GatewayError;
import io.fdwgateway.shared.RedisStore;
import io.fdwgateway.shared.SharedStore;
import io.fdwgateway.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idempotency on Redis. Each {@link #store()} is another replica: its own Vert.x and its own
 * connections to the same Redis, so the contract's calls already cross replicas.
 */
class RedisIdempotencyTest extends IdempotencyContract {

    private static final String PREFIX = RedisServer.uniquePrefix("idempotency");
    private static RedisServer server;
    private static final List<Vertx> replicas = new ArrayList<>();

    @BeforeAll
    static void connect() {
        server = RedisServer.connect();
    }

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.deleteKeys(PREFIX);
            server.close();
        }
        replicas.forEach(Vertx::close);
    }

    @Override
    SharedStore store() {
        Vertx replica = Vertx.vertx();
        replicas.add(replica);
        return new RedisStore(Redis.createClient(replica, RedisServer.options(RedisServer.URL)), PREFIX, Duration.ofSeconds(2));
    }

    @Test
    void twoReplicasRunAKeyOnceAndTheOtherReplaysIt() throws Exception {
        Idempotency a = idempotency(store(), "24h", "30s");
        Idempotency b = idempotency(store(), "24h", "30s");
        CallerKey caller = caller();
        byte[] fp = fingerprint("{\"kind\":\"x\"}");
        IdempotentCall.Run run = (IdempotentCall.Run) await(a.begin(caller, "public.record_event", "k", fp));
        assertEquals(409, refusal(b.begin(caller, "public.record_event", "k", fp)).status());
        await(run.finish(answer(200, "7")));
        StoredAnswer replayed = ((IdempotentCall.Replay) await(b.begin(caller, "public.record_event", "k", fp))).answer();
        assertArrayEquals("7".getBytes(), replayed.body().getBytes());
        List<String> keys = server.keys(PREFIX + "idem:");
        assertTrue(!keys.isEmpty());
        for (String key : keys) {
            assertTrue(server.pttl(key) > 0, "every record expires: " + key);
            assertTrue(!key.contains("record_event") && !key.endsWith(":k"), "neither function nor key in clear: " + key);
        }
    }

    @Test
    void anUnreachableStoreAnswers503RatherThanRiskRunningTwice() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Vertx replica = Vertx.vertx();
        replicas.add(replica);
        Idempotency down = idempotency(new RedisStore(Redis.createClient(replica, "redis://127.0.0.1:" + port), PREFIX,
                Duration.ofSeconds(2)), "24h", "30s");
        GatewayError refused = refusal(down.begin(caller(), "public.record_event", "k", fingerprint("{}")));
        assertEquals(503, refused.status());
        assertEquals("GW503-store-unavailable", refused.code());
        assertInstanceOf(String.class, refused.headers().get("Retry-After"));
        assertEquals(1.0, registry.get("gateway.store.failures").tags("use", "idempotency", "outcome", "denied")
                .counter().count());
    }
}
