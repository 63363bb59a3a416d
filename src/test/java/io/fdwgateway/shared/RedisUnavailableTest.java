package io.fdwgateway.shared;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Redis;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Redis that refuses connections, and one that accepts them and never answers: every operation
 * fails with {@link StoreUnavailableException} within the configured timeout, never hangs.
 */
class RedisUnavailableTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void aRefusedConnectionFailsEveryOperationAsUnavailable() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        RedisStore store = new RedisStore(Redis.createClient(vertx, "redis://127.0.0.1:" + port), "p:", Duration.ofSeconds(2));
        assertUnavailable(store, Duration.ofSeconds(2));
        assertTrue(store.down());
    }

    @Test
    void aRedisThatNeverAnswersTimesOut() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RedisStore store = new RedisStore(Redis.createClient(vertx, "redis://127.0.0.1:" + silent.getLocalPort()),
                    "p:", Duration.ofMillis(300));
            assertUnavailable(store, Duration.ofMillis(300));
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static void assertUnavailable(RedisStore store, Duration timeout) throws Exception {
        List<Future<?>> operations = List.of(
                store.take(List.of(new SharedStore.Quota("q", 1, Duration.ofMinutes(1)))),
                store.get("k"),
                store.putIfAbsent("k", Buffer.buffer("v"), Duration.ofMinutes(1)),
                store.replace("k", Buffer.buffer("v"), Buffer.buffer("w"), Duration.ofMinutes(1)),
                store.renew("k", Buffer.buffer("v"), Duration.ofMinutes(1)),
                store.remove("k", Buffer.buffer("v")));
        long started = System.nanoTime();
        for (Future<?> operation : operations) {
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> operation.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertInstanceOf(StoreUnavailableException.class, failure.getCause());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // the operations ran at once; a generous margin for a loaded machine
        assertTrue(took.compareTo(timeout.plusSeconds(10)) < 0, "failed within the timeout: " + took);
    }
}
