package io.fdwgateway.auth;

import io.fdwgateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers bearer tokens that quarkus-oidc has fully verified (signature, issuer, audience,
 * expiry), so a client that sends the same token again skips the signature check and the
 * claims parse. Keyed by the exact token text: a token differing in any byte (tampered, re-signed,
 * another key) is a miss and goes through full verification. An entry never outlives the
 * token's {@code exp} nor {@code gateway.auth.token-cache-ttl}, which bounds how long a token
 * stays accepted after its signing key leaves the issuer's JWKS. Bounded by
 * {@code gateway.auth.token-cache-size}; when full it is emptied, so a flood of distinct
 * tokens costs memory up to that bound and never more.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    private record Entry(Caller caller, long validUntilMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxSize;
    private final long ttlMillis;
    private final LongSupplier clock;

    @Inject
    public VerifiedTokenCache(GatewayConfig config) {
        this(config.auth().tokenCacheSize(), config.auth().tokenCacheTtl(), System::currentTimeMillis);
    }

    VerifiedTokenCache(int maxSize, Duration ttl, LongSupplier clockMillis) {
        this.maxSize = maxSize;
        this.ttlMillis = ttl.toMillis();
        this.clock = clockMillis;
    }

    /** The caller of a token verified before and still valid now, or null. */
    public Caller get(String rawToken) {
        if (maxSize <= 0 || rawToken == null) {
            return null;
        }
        Entry entry = entries.get(rawToken);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.validUntilMillis()) {
            entries.remove(rawToken, entry);
            return null;
        }
        return entry.caller();
    }

    /** Records a token quarkus-oidc has just verified; tokens without a numeric exp are not kept. */
    public void put(String rawToken, Caller caller) {
        if (maxSize <= 0 || rawToken == null || caller.anonymous()
                || !(caller.claims().getValue("exp") instanceof Number exp)) {
            return;
        }
        long now = clock.getAsLong();
        long validUntil = Math.min(exp.longValue() * 1000L, now + ttlMillis);
        if (validUntil <= now) {
            return;
        }
        if (entries.size() >= maxSize) {
            entries.clear();
        }
        entries.put(rawToken, new Entry(caller, validUntil));
    }
}
