package io.fdwgateway.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one replica, in a Caffeine cache: each entry expires at its own time, and the
 * cache holds at most {@code maxWeight} bytes of keys and values (the least used entries are
 * evicted beyond that).
 */
public final class MemoryStore implements SharedStore {

    /** Rough size of an entry beside its key and value bytes. */
    private static final int OVERHEAD = 64;

    private final Cache<String, Entry> entries;
    private final Ticker ticker;

    public MemoryStore(long maxWeight) {
        this(maxWeight, Ticker.systemTicker());
    }

    MemoryStore(long maxWeight, Ticker ticker) {
        this.ticker = ticker;
        this.entries = Caffeine.newBuilder()
                .ticker(ticker)
                // evict on the calling thread: the bound holds at once, not when a pool gets to it
                .executor(Runnable::run)
                .maximumWeight(maxWeight)
                .weigher((String key, Entry entry) -> 2 * key.length() + OVERHEAD + entry.bytes())
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        return Math.max(0, entry.expiresAt() - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                        return Math.max(0, entry.expiresAt() - now);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public synchronized Future<Tally> take(List<Quota> quotas) {
        // one lock for all keys, so a call is counted against every quota or none; each step is a map look-up
        long now = ticker.read();
        List<Count> counts = new ArrayList<>(quotas.size());
        boolean admitted = true;
        for (Quota quota : quotas) {
            Count count = entries.getIfPresent(quota.key()) instanceof Count c && c.expiresAt() > now
                    ? c : new Count(0, now + quota.period().toNanos());
            admitted &= count.used() < quota.limit();
            counts.add(count);
        }
        List<Usage> usages = new ArrayList<>(quotas.size());
        for (int i = 0; i < quotas.size(); i++) {
            Count count = counts.get(i);
            if (admitted) {
                count = new Count(count.used() + 1, count.expiresAt());
                entries.put(quotas.get(i).key(), count);
            }
            usages.add(new Usage(count.used(), Duration.ofNanos(count.expiresAt() - now)));
        }
        return Future.succeededFuture(new Tally(admitted, usages));
    }

    @Override
    public Future<Buffer> get(String key) {
        return Future.succeededFuture(live(key));
    }

    @Override
    public Future<Buffer> putIfAbsent(String key, Buffer value, Duration ttl) {
        Buffer[] held = new Buffer[1];
        entries.asMap().compute(key, (k, old) -> {
            if (old instanceof Value v && v.expiresAt() > ticker.read()) {
                held[0] = v.value().copy();
                return old;
            }
            return new Value(value.copy(), ticker.read() + ttl.toNanos());
        });
        return Future.succeededFuture(held[0]);
    }

    @Override
    public Future<Boolean> replace(String key, Buffer expected, Buffer value, Duration ttl) {
        return ifHolding(key, expected, old -> new Value(value.copy(), ticker.read() + ttl.toNanos()));
    }

    @Override
    public Future<Boolean> renew(String key, Buffer expected, Duration ttl) {
        return ifHolding(key, expected, old -> new Value(old.value(), ticker.read() + ttl.toNanos()));
    }

    @Override
    public Future<Boolean> remove(String key, Buffer expected) {
        return ifHolding(key, expected, old -> null);
    }

    private Future<Boolean> ifHolding(String key, Buffer expected, java.util.function.UnaryOperator<Value> change) {
        boolean[] done = new boolean[1];
        entries.asMap().computeIfPresent(key, (k, old) -> {
            if (old instanceof Value v && v.expiresAt() > ticker.read() && v.value().equals(expected)) {
                done[0] = true;
                return change.apply(v);
            }
            return old;
        });
        return Future.succeededFuture(done[0]);
    }

    private Buffer live(String key) {
        return entries.getIfPresent(key) instanceof Value v && v.expiresAt() > ticker.read() ? v.value().copy() : null;
    }

    private sealed interface Entry permits Value, Count {
        long expiresAt();

        int bytes();
    }

    private record Value(Buffer value, long expiresAt) implements Entry {
        public int bytes() {
            return value.length();
        }
    }

    private record Count(long used, long expiresAt) implements Entry {
        public int bytes() {
            return 16;
        }
    }
}
