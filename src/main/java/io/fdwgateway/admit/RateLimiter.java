package io.fdwgateway.admit;

import io.fdwgateway.admit.RateLimitPolicy.Limit;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.config.RateLimitConfig;
import io.fdwgateway.config.RateLimitConfig.RedisFailure;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.shared.SharedStore;
import io.fdwgateway.shared.SharedStore.Quota;
import io.fdwgateway.shared.SharedStores;
import io.fdwgateway.shared.StoreUnavailableException;
import io.vertx.core.Future;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rate limits, the first check of the admit stage: counts the call against the caller's limits
 * in the shared store and refuses it with 429 when one is used up, before anything reaches
 * Postgres. A call is counted against all its limits or, when refused, against none.
 */
@Singleton
public class RateLimiter {

    /** Bound of the memory store: about a million callers' windows. */
    private static final long MEMORY_BYTES = 128L * 1024 * 1024;
    private static final String USE = "rate-limit";

    private final RateLimitPolicy policy;
    private final SharedStore store;
    private final boolean allowWhenDown;
    private final AdmissionMetrics metrics;

    @Inject
    public RateLimiter(GatewayConfig config, SharedStores stores, AdmissionMetrics metrics) {
        this(config.rateLimit(), new RateLimitPolicy(config.rateLimit()).any()
                ? stores.create(config.rateLimit().store(), MEMORY_BYTES) : null, metrics);
    }

    /** @param store where the counters live; null when no limit is configured */
    RateLimiter(RateLimitConfig config, SharedStore store, AdmissionMetrics metrics) {
        this.policy = new RateLimitPolicy(config);
        this.store = store;
        this.allowWhenDown = config.redisFailure() == RedisFailure.ALLOW;
        this.metrics = metrics;
    }

    /**
     * @param caller         who the call counts against
     * @param function       the function name of the URL, as the client sent it (only matched
     *                       against configured names)
     * @param servedFunction the same name when it is served, else null: the metric's label
     * @return the {@code RateLimit-Policy} and {@code RateLimit} fields for the answer (empty
     *         when no limit applies or the store is down and calls are allowed); fails with a
     *         {@link GatewayException} of 429, or of 503 when the store is down and calls are denied
     */
    public Future<Map<String, String>> admit(CallerKey caller, String function, String servedFunction) {
        List<Limit> limits = store == null ? List.of() : policy.limitsFor(function);
        if (limits.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        List<Quota> quotas = new ArrayList<>(limits.size());
        for (Limit limit : limits) {
            String counter = limit.name().equals(RateLimitPolicy.CALLER) ? "caller" : "fn:" + function;
            // the hash tag {…} keeps one caller's counters on one Redis Cluster slot
            quotas.add(new Quota("rl:{" + caller.id() + "}:" + counter, limit.requests(), limit.period()));
        }
        return store.take(quotas).transform(ar -> {
            if (ar.failed()) {
                return storeDown(ar.cause());
            }
            SharedStore.Tally tally = ar.result();
            Map<String, String> fields = RateLimitFields.of(limits, tally.usages());
            if (tally.admitted()) {
                return Future.succeededFuture(fields);
            }
            metrics.rateLimited(servedFunction);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(RateLimitFields.RETRY_AFTER, RateLimitFields.retryAfter(limits, tally.usages()));
            headers.putAll(fields);
            return Future.failedFuture(new GatewayException(new GatewayError.TooManyRequests(Collections.unmodifiableMap(headers))));
        });
    }

    private Future<Map<String, String>> storeDown(Throwable failure) {
        if (!(failure instanceof StoreUnavailableException)) {
            return Future.failedFuture(failure);
        }
        metrics.storeFailed(USE, allowWhenDown);
        if (allowWhenDown) {
            return Future.succeededFuture(Map.of());
        }
        return Future.failedFuture(new GatewayException(new GatewayError.StoreUnavailable(
                "The rate-limit store cannot be reached; retry later.")));
    }
}
