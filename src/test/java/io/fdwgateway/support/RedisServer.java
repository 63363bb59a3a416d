package io.fdwgateway.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The machine's Redis at 127.0.0.1:6379, which the shared-state tests use (a prerequisite in the
 * README). {@link #require()} fails at once, naming the fix, when it is not running. Each test
 * run writes under a key prefix of its own and deletes its keys afterwards.
 */
public final class RedisServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;
    public static final String URL = "redis://" + HOST + ":" + PORT;

    private final Vertx vertx;
    private final Redis client;

    private RedisServer() {
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, URL);
    }

    /** Client options as application.properties sets them for the gateway: a pool that takes bursts. */
    public static RedisOptions options(String url) {
        return new RedisOptions().setConnectionString(url).setMaxPoolSize(16).setMaxPoolWaiting(4096);
    }

    /** Checks that Redis answers PING; else fails with what to do. */
    public static void require() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            if (!new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                throw new IOException("no PONG but " + new String(reply, StandardCharsets.US_ASCII).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("These tests need Redis at " + HOST + ":" + PORT
                    + " and it does not answer (" + e.getMessage() + "). Install and start it: "
                    + "apt-get install redis-server && redis-server --daemonize yes (see README, Set up).", e);
        }
    }

    /** A connection for checking and cleaning up keys; {@link #require()} first. */
    public static RedisServer connect() {
        require();
        return new RedisServer();
    }

    /** A key prefix no other test run uses. */
    public static String uniquePrefix(String what) {
        return "fdw-gateway-test:" + what + ":" + UUID.randomUUID() + ":";
    }

    /** Every key under the prefix. */
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response r = await(client.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + "*")
                    .arg("COUNT").arg(1000)));
            cursor = r.get(0).toString();
            r.get(1).forEach(k -> keys.add(k.toString()));
        } while (!cursor.equals("0"));
        return keys;
    }

    /** Milliseconds the key has to live; -1 without expiry, -2 when absent. */
    public long pttl(String key) {
        return await(client.send(Request.cmd(Command.PTTL).arg(key))).toLong();
    }

    /** Runs any command, for fixtures (e.g. to plant what a crashed replica would leave). */
    public Response send(Request request) {
        return await(client.send(request));
    }

    /** Deletes every key under the prefix; returns how many there were. */
    public int deleteKeys(String prefix) {
        List<String> keys = keys(prefix);
        for (String key : keys) {
            await(client.send(Request.cmd(Command.DEL).arg(key)));
        }
        return keys.size();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis command failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
