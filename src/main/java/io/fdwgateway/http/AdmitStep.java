package io.fdwgateway.http;

import io.fdwgateway.admit.CallerKey;
import io.fdwgateway.admit.Fingerprint;
import io.fdwgateway.admit.Idempotency;
import io.fdwgateway.admit.IdempotencyKey;
import io.fdwgateway.admit.IdempotentCall;
import io.fdwgateway.admit.RateLimiter;
import io.fdwgateway.admit.StoredAnswer;
import io.fdwgateway.auth.Caller;
import io.fdwgateway.cache.CachedAnswer;
import io.fdwgateway.cache.ResponseCache;
import io.fdwgateway.call.Arguments;
import io.fdwgateway.call.CallPlan;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Volatility;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The admit stage on HTTP: the caller's rate limits (their fields go on the answer, whatever it
 * turns out to be) and, for a POST to a VOLATILE function with {@code Idempotency-Key}, the
 * replay of a kept answer or the recording of this call's.
 */
@Singleton
public class AdmitStep {

    static final String REPLAYED = "Idempotent-Replayed";
    /** {@code hit} or {@code miss}, on every answer of a {@code @cache} function. */
    static final String CACHE_HEADER = "Gateway-Cache";

    /** Headers that belong to one exchange, not to the call's answer: never kept for a replay. */
    private static final Set<String> PER_REQUEST = caseInsensitive("X-Request-Id", "RateLimit", "RateLimit-Policy",
            REPLAYED, "Connection", "Content-Length", "Transfer-Encoding", "Date", "Keep-Alive", CACHE_HEADER, "Age");

    private final RateLimiter limiter;
    private final Idempotency idempotency;
    private final ResponseCache cache;

    public AdmitStep(RateLimiter limiter, Idempotency idempotency, ResponseCache cache) {
        this.limiter = limiter;
        this.idempotency = idempotency;
        this.cache = cache;
    }

    /**
     * The response-cache key of this call when its function has a {@code @cache} policy. Not for
     * a call that rolls back, nor one with a {@code Prefer} header, which may shape the answer;
     * the {@code Accept} header is part of the key, since it chooses the representation.
     */
    Optional<String> cacheKey(RoutingContext rc, CallPlan plan, String role, Caller caller, boolean rollback) {
        if (plan.routine().cache() == null || rollback || rc.request().headers().contains("Prefer")) {
            return Optional.empty();
        }
        return Optional.of(ResponseCache.key(plan.routine(), role, plan.argumentsJson(), caller,
                String.join(",", rc.request().headers().getAll("Accept"))));
    }

    /**
     * The kept answer for {@code key}, or null after arranging for this call's 200 answer to be
     * kept; either way the answer says {@code Gateway-Cache} and the lookup is counted.
     */
    Future<CachedAnswer> cached(RoutingContext rc, CallPlan plan, String key) {
        String function = plan.routine().name();
        return cache.get(key, plan.routine()).map(hit -> {
            cache.count(function, hit != null);
            if (hit == null) {
                rc.response().putHeader(CACHE_HEADER, "miss");
                Exchange.of(rc).keep(answer -> cache.put(key, plan.routine(),
                        new CachedAnswer(answer, System.currentTimeMillis()), plan.routine().cache().ttl()));
            }
            return hit;
        });
    }

    /**
     * Counts the call against the caller's limits and puts the {@code RateLimit} fields on the
     * response; fails with 429 (or 503 when the store is down and calls are denied).
     *
     * @param servedFunction the function name when it is served, else null
     */
    Future<CallerKey> limit(RoutingContext rc, Caller caller, String function, String servedFunction) {
        CallerKey key = CallerKey.of(caller, rc.request().remoteAddress());
        return limiter.admit(key, function, servedFunction).map(fields -> {
            fields.forEach(rc.response()::putHeader);
            return key;
        });
    }

    /**
     * The request's Idempotency-Key when it applies: a POST to a VOLATILE function. Read-only
     * calls change nothing, so a key there is ignored.
     */
    Optional<String> key(RoutingContext rc, CallPlan plan, boolean get) {
        if (get || plan.routine().volatility() != Volatility.VOLATILE) {
            return Optional.empty();
        }
        return IdempotencyKey.parse(rc.request().headers().getAll(IdempotencyKey.HEADER));
    }

    /** Replays the key's answer, or claims the key for this call. */
    Future<IdempotentCall> begin(CallerKey caller, CallPlan plan, String role, Arguments arguments, String key) {
        Routine routine = plan.routine();
        return idempotency.begin(caller, routine.schema() + "." + routine.name(), key,
                Fingerprint.of(routine.signature(), role, arguments.values()));
    }

    /** The answer about to be sent, as a replay will send it again. */
    static StoredAnswer answerOf(HttpServerResponse response, Buffer body) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        MultiMap headers = response.headers();
        for (Map.Entry<String, String> header : headers) {
            if (!PER_REQUEST.contains(header.getKey())) {
                kept.add(Map.entry(header.getKey(), header.getValue()));
            }
        }
        return new StoredAnswer(response.getStatusCode(), kept, body);
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }
}
