package io.fdwgateway.shared;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The state of every replica, in Redis. Each operation is one command or one Lua script, so it
 * is atomic however many replicas call at once, and every key it writes has an expiry. Keys are
 * prefixed with {@code gateway.redis.key-prefix}. A quota's keys share a hash tag (the part in
 * braces), so a multi-key {@link #take} also works on Redis Cluster.
 *
 * <p>An outage is logged once at WARN when it starts and once at INFO when Redis answers again;
 * what each call does meanwhile is the caller's decision.
 */
public final class RedisStore implements SharedStore {

    private static final Logger LOG = Logger.getLogger(RedisStore.class);

    /**
     * KEYS: the quotas' counters; ARGV: limit and window (ms) of each. Counts the call against
     * every counter only when all are below their limit; returns admitted (1/0), then used and
     * milliseconds to reset per counter. A counter without expiry (which INCR alone would leave)
     * gets one, so no key outlives its window.
     */
    private static final RedisScript TAKE = new RedisScript("""
            local out = {1}
            for i, key in ipairs(KEYS) do
              local used = tonumber(redis.call('GET', key) or '0')
              if used >= tonumber(ARGV[2 * i - 1]) then out[1] = 0 end
              out[2 * i] = used
              out[2 * i + 1] = redis.call('PTTL', key)
            end
            if out[1] == 1 then
              for i, key in ipairs(KEYS) do
                out[2 * i] = redis.call('INCR', key)
                local ttl = redis.call('PTTL', key)
                if ttl < 0 then
                  redis.call('PEXPIRE', key, ARGV[2 * i])
                  ttl = tonumber(ARGV[2 * i])
                end
                out[2 * i + 1] = ttl
              end
            end
            return out
            """);

    /** Returns the value held, or sets it with its expiry and returns nil. */
    private static final RedisScript PUT_IF_ABSENT = new RedisScript("""
            local held = redis.call('GET', KEYS[1])
            if held then return held end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return false
            """);

    private static final RedisScript REPLACE = new RedisScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);

    private static final RedisScript RENEW = new RedisScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            """);

    private static final RedisScript REMOVE = new RedisScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            return redis.call('DEL', KEYS[1])
            """);

    private final Redis redis;
    private final String prefix;
    private final long timeoutMillis;
    private final AtomicBoolean down = new AtomicBoolean();

    public RedisStore(Redis redis, String keyPrefix, Duration timeout) {
        this.redis = redis;
        this.prefix = keyPrefix;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public Future<Tally> take(List<Quota> quotas) {
        List<String> keys = new ArrayList<>(quotas.size());
        List<Object> args = new ArrayList<>(2 * quotas.size());
        for (Quota quota : quotas) {
            keys.add(prefix + quota.key());
            args.add(quota.limit());
            args.add(Math.max(1, quota.period().toMillis()));
        }
        return eval(TAKE, keys, args).map(r -> {
            List<Usage> usages = new ArrayList<>(quotas.size());
            for (int i = 0; i < quotas.size(); i++) {
                long ttl = Math.max(0, r.get(2 + 2 * i).toLong());
                usages.add(new Usage(r.get(1 + 2 * i).toLong(), Duration.ofMillis(ttl)));
            }
            return new Tally(r.get(0).toLong() == 1, usages);
        });
    }

    @Override
    public Future<Buffer> get(String key) {
        return send(Request.cmd(Command.GET).arg(prefix + key)).map(r -> r == null ? null : r.toBuffer());
    }

    @Override
    public Future<Buffer> putIfAbsent(String key, Buffer value, Duration ttl) {
        return eval(PUT_IF_ABSENT, List.of(prefix + key), List.of(value, millis(ttl)))
                .map(r -> r == null ? null : r.toBuffer());
    }

    @Override
    public Future<Boolean> replace(String key, Buffer expected, Buffer value, Duration ttl) {
        return eval(REPLACE, List.of(prefix + key), List.of(expected, value, millis(ttl))).map(RedisStore::isOne);
    }

    @Override
    public Future<Boolean> renew(String key, Buffer expected, Duration ttl) {
        return eval(RENEW, List.of(prefix + key), List.of(expected, millis(ttl))).map(RedisStore::isOne);
    }

    @Override
    public Future<Boolean> remove(String key, Buffer expected) {
        return eval(REMOVE, List.of(prefix + key), List.of(expected)).map(RedisStore::isOne);
    }

    /** EVALSHA, and EVAL (which loads the script) when this server does not know it yet. */
    private Future<Response> eval(RedisScript script, List<String> keys, List<Object> args) {
        return send(script.request(Command.EVALSHA, keys, args)).recover(failure -> {
            String message = failure.getMessage();
            if (message != null && message.startsWith("NOSCRIPT")) {
                return send(script.request(Command.EVAL, keys, args));
            }
            return Future.failedFuture(failure);
        }).recover(failure -> Future.failedFuture(failure instanceof StoreUnavailableException
                ? failure : new StoreUnavailableException("Redis failed: " + failure.getMessage(), failure)));
    }

    private Future<Response> send(Request request) {
        return redis.send(request)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .onSuccess(r -> {
                    if (down.compareAndSet(true, false)) {
                        LOG.info("Redis answers again; shared state is back in Redis");
                    }
                })
                .recover(failure -> {
                    String message = failure.getMessage();
                    if (message != null && message.startsWith("NOSCRIPT")) {
                        return Future.failedFuture(failure);
                    }
                    if (down.compareAndSet(false, true)) {
                        LOG.warnf("Redis cannot be reached (%s): rate limits follow gateway.rate-limit.redis-failure,"
                                + " idempotent calls answer 503, until it answers again", message);
                    }
                    return Future.failedFuture(new StoreUnavailableException(
                            "Redis did not answer within " + timeoutMillis + " ms or failed", failure));
                });
    }

    /** True from a failed command until the next one that succeeds. */
    public boolean down() {
        return down.get();
    }

    private static long millis(Duration ttl) {
        return Math.max(1, ttl.toMillis());
    }

    private static boolean isOne(Response r) {
        return r != null && r.toLong() == 1;
    }
}
