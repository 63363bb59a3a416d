package io.fdwgateway.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, each with its own Vert.x and Redis connections, racing on the same keys: the
 * operations are atomic in Redis, so the limit and the first-writer-wins hold across them.
 */
class RedisReplicasTest {

    private static final String PREFIX = RedisServer.uniquePrefix("replicas");
    private static RedisServer server;
    private static Vertx vertxA;
    private static Vertx vertxB;
    private static RedisStore replicaA;
    private static RedisStore replicaB;

    @BeforeAll
    static void start() {
        server = RedisServer.connect();
        vertxA = Vertx.vertx();
        vertxB = Vertx.vertx();
        replicaA = new RedisStore(Redis.createClient(vertxA, RedisServer.options(RedisServer.URL)), PREFIX, Duration.ofSeconds(5));
        replicaB = new RedisStore(Redis.createClient(vertxB, RedisServer.options(RedisServer.URL)), PREFIX, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.deleteKeys(PREFIX);
            server.close();
        }
        for (Vertx v : new Vertx[] {vertxA, vertxB}) {
            if (v != null) {
                v.close();
            }
        }
    }

    @Test
    void twoReplicasAdmitExactlyTheLimitBetweenThem() throws Exception {
        String caller = "rl:{" + UUID.randomUUID() + "}:";
        List<SharedStore.Quota> quotas = List.of(new SharedStore.Quota(caller + "caller", 37, Duration.ofMinutes(1)),
                new SharedStore.Quota(caller + "fn:add", 1000, Duration.ofMinutes(1)));
        List<Future<SharedStore.Tally>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(replicaA.take(quotas));
            calls.add(replicaB.take(quotas));
        }
        long admitted = 0;
        for (Future<SharedStore.Tally> call : calls) {
            admitted += call.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).admitted() ? 1 : 0;
        }
        assertEquals(37, admitted);
        SharedStore.Tally after = replicaA.take(List.of(quotas.get(1))).toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertEquals(38, after.usages().get(0).used(), "only the admitted calls were counted against the other quota");
    }

    @Test
    void ofManyReplicasClaimingOneKeyExactlyOneWins() throws Exception {
        String key = "idem:{" + UUID.randomUUID() + "}:k";
        List<Future<Buffer>> claims = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            claims.add(replicaA.putIfAbsent(key, Buffer.buffer("A" + i), Duration.ofMinutes(1)));
            claims.add(replicaB.putIfAbsent(key, Buffer.buffer("B" + i), Duration.ofMinutes(1)));
        }
        int won = 0;
        List<Buffer> held = new ArrayList<>();
        for (Future<Buffer> claim : claims) {
            Buffer b = claim.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            if (b == null) {
                won++;
            } else {
                held.add(b);
            }
        }
        assertEquals(1, won);
        Buffer winner = replicaB.get(key).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(99, held.stream().filter(winner::equals).count(), "every loser saw the winner's value");
    }
}
