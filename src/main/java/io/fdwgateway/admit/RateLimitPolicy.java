package io.fdwgateway.admit;

import io.fdwgateway.config.RateLimitConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The limits of {@code gateway.rate-limit.*}: the one every caller has, and those of named
 * functions on top. Each has the name that the {@code RateLimit-Policy} and {@code RateLimit}
 * fields give it: {@code "caller"} and {@code "function"}.
 */
final class RateLimitPolicy {

    static final String CALLER = "caller";
    static final String FUNCTION = "function";

    /** One limit: {@code requests} calls per window of {@code period}. */
    record Limit(String name, long requests, Duration period) {
    }

    private final Limit perCaller;
    private final Map<String, Limit> perFunction;

    RateLimitPolicy(RateLimitConfig config) {
        this.perCaller = config.perCaller().requests()
                .map(n -> new Limit(CALLER, n, config.perCaller().period()))
                .orElse(null);
        this.perFunction = config.function().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> new Limit(FUNCTION, e.getValue().requests(), e.getValue().period())));
    }

    /** True when at least one limit is configured. */
    boolean any() {
        return perCaller != null || !perFunction.isEmpty();
    }

    /** The limits a call of {@code function} (its URL name) counts against; empty when none. */
    List<Limit> limitsFor(String function) {
        List<Limit> limits = new ArrayList<>(2);
        if (perCaller != null) {
            limits.add(perCaller);
        }
        Limit own = function == null ? null : perFunction.get(function);
        if (own != null) {
            limits.add(own);
        }
        return limits;
    }

    /** For the start-up log: "100 per 1m per caller; add: 10 per 1s". */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (perCaller != null) {
            parts.add(perCaller.requests() + " per " + human(perCaller.period()) + " per caller");
        }
        perFunction.forEach((name, limit) -> parts.add(name + ": " + limit.requests() + " per " + human(limit.period())));
        return String.join("; ", parts);
    }

    /** 1m, 1s, 24h, 1h30m: as the configuration writes durations. */
    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
