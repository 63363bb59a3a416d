package io.fdwgateway.admit;

import io.fdwgateway.admit.RateLimitPolicy.Limit;
import io.fdwgateway.shared.SharedStore.Usage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response fields of draft-ietf-httpapi-ratelimit-headers (revision 11): {@code RateLimit-Policy}
 * names each limit with its quota {@code q} and window {@code w} in seconds
 * ({@code "caller";q=100;w=60}), and {@code RateLimit} gives what remains, {@code r}, and the
 * seconds until the window closes, {@code t} ({@code "caller";r=42;t=37}). Both are Structured
 * Field lists; the policy names are fixed strings, never a client's text.
 */
final class RateLimitFields {

    static final String POLICY = "RateLimit-Policy";
    static final String RATE_LIMIT = "RateLimit";
    static final String RETRY_AFTER = "Retry-After";

    private RateLimitFields() {
    }

    /** Both fields for a call that was counted (or refused) against {@code limits}. */
    static Map<String, String> of(List<Limit> limits, List<Usage> usages) {
        StringBuilder policy = new StringBuilder();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            Usage usage = usages.get(i);
            String sep = i == 0 ? "" : ", ";
            policy.append(sep).append('"').append(limit.name()).append("\";q=").append(limit.requests())
                    .append(";w=").append(seconds(limit.period()));
            current.append(sep).append('"').append(limit.name()).append("\";r=")
                    .append(Math.max(0, limit.requests() - usage.used())).append(";t=").append(seconds(usage.resetIn()));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(POLICY, policy.toString());
        fields.put(RATE_LIMIT, current.toString());
        return fields;
    }

    /**
     * {@code Retry-After} for a refused call: until the last used-up window closes, at least 1 s,
     * so that a client honouring it is admitted when it comes back.
     */
    static String retryAfter(List<Limit> limits, List<Usage> usages) {
        long seconds = 1;
        for (int i = 0; i < limits.size(); i++) {
            if (usages.get(i).used() >= limits.get(i).requests()) {
                seconds = Math.max(seconds, seconds(usages.get(i).resetIn()));
            }
        }
        return Long.toString(seconds);
    }

    /** Whole seconds, rounded up: a client that waits this long finds the window closed. */
    static long seconds(Duration d) {
        long millis = Math.max(0, d.toMillis());
        return (millis + 999) / 1000;
    }
}
