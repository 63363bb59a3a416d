package io.fdwgateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.fdwgateway.admit.Fingerprint;
import io.fdwgateway.auth.Caller;
import io.fdwgateway.catalog.CachePolicy;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.SchemaCache.CatalogReloaded;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.config.StoreKind;
import io.fdwgateway.role.RoleResolver.ClaimPath;
import io.fdwgateway.shared.SharedStore;
import io.fdwgateway.shared.SharedStores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Successful answers of {@code @cache} functions, kept for their policy's TTL. The key is the
 * function (with a hash of its definition), its arguments (bound ones included), the role and the
 * verified claims ({@code vary}: only those), so no caller ever gets an answer made for another.
 * A store that fails is a miss: the call runs.
 */
@Singleton
public class ResponseCache {

    private static final Logger LOG = Logger.getLogger(ResponseCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "cache:";

    private final Cache<String, Entry> memory;
    private final SharedStore redis;
    private final MeterRegistry registry;

    public ResponseCache(GatewayConfig config, SharedStores stores, MeterRegistry registry) {
        this.registry = registry;
        if (config.cache().store() == StoreKind.REDIS) {
            this.redis = stores.create(StoreKind.REDIS, 0);
            this.memory = null;
        } else {
            this.redis = null;
            this.memory = Caffeine.newBuilder().maximumSize(Math.max(0, config.cache().maxEntries()))
                    .expireAfter(new Expiry<String, Entry>() {
                        public long expireAfterCreate(String key, Entry entry, long now) {
                            return entry.ttl().toNanos();
                        }

                        public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                            return entry.ttl().toNanos();
                        }

                        public long expireAfterRead(String key, Entry entry, long now, long current) {
                            return current;
                        }
                    }).build();
        }
    }

    /**
     * A kept answer and the catalog entry of the function it was made by. Every catalog load makes
     * new {@link Routine} objects, so an entry made before a reload is never read after it, even
     * before the reload's (asynchronous) clearing of the store has run.
     */
    private record Entry(CachedAnswer answer, Duration ttl, Routine routine) {
    }

    /**
     * The key of a call.
     *
     * @param representation what the request accepts ({@code Accept}): answers in other media
     *                       types are other entries
     */
    public static String key(Routine routine, String role, String argumentsJson, Caller caller, String representation) {
        CachePolicy policy = routine.cache();
        try {
            ObjectNode node = JSON.createObjectNode();
            node.set("a", argumentsJson == null ? JSON.createObjectNode() : JSON.readTree(argumentsJson));
            node.put("m", representation == null ? "" : representation);
            JsonObject claims = caller.anonymous() ? new JsonObject() : caller.claims();
            if (policy.vary() == null) {
                node.set("c", JSON.readTree(claims.encode()));
            } else {
                ObjectNode varied = node.putObject("c");
                for (String claim : policy.vary()) {
                    Optional<Object> value = ClaimPath.lookup(claims, claim);
                    varied.set(claim, value.isEmpty() ? null : JSON.readTree(io.vertx.core.json.Json.encode(
                            value.get() instanceof Enum<?> ? null : value.get())));
                }
            }
            JsonNode canonical = node;
            return PREFIX + HexFormat.of().formatHex(Fingerprint.of(policy.fingerprint() + " " + routine.signature(),
                    role, canonical));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kept answer, or null (a failing store counts as a miss).
     *
     * @param routine the function as the serving catalog has it: an answer kept under an earlier
     *                catalog load is a miss
     */
    public Future<CachedAnswer> get(String key, Routine routine) {
        if (memory != null) {
            Entry e = memory.getIfPresent(key);
            return Future.succeededFuture(e == null || e.routine() != routine ? null : e.answer());
        }
        return redis.get(key).map(b -> b == null ? null : CachedAnswer.decode(b)).otherwise(failure -> {
            LOG.debugf("response cache read failed: %s", failure.getMessage());
            return null;
        });
    }

    /**
     * Keeps a successful answer for {@code ttl}; a failing store is logged and ignored.
     *
     * @param routine the function as the catalog had it when the call was planned
     */
    public Future<Void> put(String key, Routine routine, CachedAnswer answer, Duration ttl) {
        if (memory != null) {
            memory.put(key, new Entry(answer, ttl, routine));
            return Future.succeededFuture();
        }
        return redis.putIfAbsent(key, answer.encode(), ttl).<Void>mapEmpty().otherwise(failure -> {
            LOG.debugf("response cache write failed: %s", failure.getMessage());
            return null;
        });
    }

    /** Counts a lookup: {@code gateway_cache_requests_total{function,result}}, result hit or miss. */
    public void count(String function, boolean hit) {
        Counter.builder("gateway.cache.requests").description("Lookups in the response cache of @cache functions")
                .tag("function", function).tag("result", hit ? "hit" : "miss").register(registry).increment();
    }

    /** A reload may have changed any function: the memory store starts empty (Redis keys hold the definition's hash). */
    void reloaded(@ObservesAsync CatalogReloaded reloaded) {
        if (memory != null) {
            memory.invalidateAll();
        }
    }
}
