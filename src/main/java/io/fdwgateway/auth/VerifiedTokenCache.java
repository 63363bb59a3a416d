package io.fdwgateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.fdwgateway.config.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Remembers bearer tokens that quarkus-oidc has fully verified (signature, issuer, audience,
 * expiry), so a client that sends the same token again skips the signature check and the
 * claims parse. Keyed by {@link TokenText#cacheKey}: the signed header and payload exactly as
 * sent plus the signature's bytes, so a token differing in anything signed is a miss and goes
 * through full verification, while the spellings of one signature share an entry.
 *
 * <p>An entry never outlives the token's {@code exp} nor {@code gateway.auth.token-cache-ttl}
 * (which is how long an already verified token stays accepted after its key is withdrawn from
 * the issuer's key set). At most {@code gateway.auth.token-cache-size} entries are kept; beyond
 * that the least used are evicted.
 *
 * <p>The key costs a base64 decode and a SHA-256 over the token, which a client repeating one
 * token would pay on every call: the key of a token text already seen is remembered by that
 * exact text ({@code keys}). That map only ever answers what {@link TokenText#cacheKey} would
 * compute again for the same text, so whether a token is accepted, until when, and the counts
 * are decided by {@code entries} alone, as before.
 */
@Singleton // built at start (metrics read it from a worker thread), not lazily behind a proxy
public class VerifiedTokenCache {

    private record Entry(Caller caller, long validUntilMillis) {
    }

    /**
     * Hits, misses and evictions (by size or expiry) since start, the current size, and the tokens
     * stored after quarkus-oidc verified them (one per verification that succeeded).
     */
    public record Statistics(long hits, long misses, long evictions, long size, long stored) {
    }

    /** At most this many token texts have their key remembered. */
    static final int MAX_REMEMBERED_TEXTS = 1024;

    private final Cache<String, Entry> entries;
    /** Exact token text to its {@link TokenText#cacheKey} (the very string {@code entries} holds). */
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final LongAdder stored = new LongAdder();

    @Inject
    public VerifiedTokenCache(GatewayConfig config) {
        this(config.auth().tokenCacheSize(), config.auth().tokenCacheTtl(), System::currentTimeMillis);
    }

    /** With its size, ttl and clock given (tests and the bench/guard.sh pipeline). */
    public VerifiedTokenCache(int maxSize, Duration ttl, LongSupplier clockMillis) {
        this.ttlMillis = ttl.toMillis();
        this.clock = clockMillis;
        this.entries = maxSize <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new UntilValid(clockMillis))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clockMillis.getAsLong()))
                // maintenance (eviction) on the calling thread: small, bounded, and predictable
                .executor(Runnable::run)
                .recordStats()
                .build();
        // a token's text is ~1 KB: the frequent callers' texts are enough, a miss only costs the hash
        this.maxKeys = Math.min(maxSize, MAX_REMEMBERED_TEXTS);
    }

    /** The caller of a token verified before and still valid now, or null. */
    public Caller get(String rawToken) {
        if (entries == null || rawToken == null) {
            return null;
        }
        String key = keys.get(rawToken);
        boolean remembered = key != null;
        if (!remembered) {
            key = TokenText.cacheKey(rawToken);
            if (key == null) {
                return null;
            }
        }
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        if (!remembered) {
            remember(rawToken, key); // only texts of verified tokens: garbage does not churn it
        }
        return entry.caller();
    }

    /** Records a token quarkus-oidc has just verified; tokens without a numeric exp are not kept. */
    public void put(String rawToken, Caller caller) {
        if (entries == null || rawToken == null || caller.anonymous()
                || !(caller.claims().getValue("exp") instanceof Number exp)) {
            return;
        }
        String key = TokenText.cacheKey(rawToken);
        long now = clock.getAsLong();
        long validUntil = Math.min(exp.longValue() * 1000L, now + ttlMillis);
        if (key == null || validUntil <= now) {
            return;
        }
        entries.put(key, new Entry(caller, validUntil));
        stored.increment();
        remember(rawToken, key);
    }

    /**
     * Bounded by starting over when full: cheaper on every call than keeping the most used, and
     * a caller cycling through more tokens than that pays only the hash, as without the map.
     */
    private void remember(String rawToken, String key) {
        if (keys.size() >= maxKeys) {
            keys.clear();
        }
        keys.put(rawToken, key);
    }

    public Statistics statistics() {
        if (entries == null) {
            return new Statistics(0, 0, 0, 0, 0);
        }
        CacheStats stats = entries.stats();
        return new Statistics(stats.hitCount(), stats.missCount(), stats.evictionCount(), entries.estimatedSize(),
                stored.sum());
    }

    /** Each entry expires at its own time: the token's exp or the ttl, whichever comes first. */
    private record UntilValid(LongSupplier clock) implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, entry.validUntilMillis() - clock.getAsLong()));
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
