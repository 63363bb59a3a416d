package io.fdwgateway.warmup;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the warm-up's requests got: counts by HTTP status, and connection errors (no answer).
 * Updated from the event loops, read by readiness and the final log line.
 */
public final class WarmupTally {

    /** The key of requests that got no answer (refused or lost connection, timeout). */
    public static final String NO_ANSWER = "error";

    private final Map<String, LongAdder> byOutcome = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();

    void sent() {
        sent.increment();
    }

    void answered(int status) {
        byOutcome.computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
    }

    void failed() {
        byOutcome.computeIfAbsent(NO_ANSWER, k -> new LongAdder()).increment();
    }

    /** Requests sent so far. */
    public long requests() {
        return sent.sum();
    }

    /** Counts by status ({@code "200"}) and {@value #NO_ANSWER}, in order. */
    public Map<String, Long> outcomes() {
        Map<String, Long> counts = new TreeMap<>();
        byOutcome.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    /** Requests that did not get a 2xx answer. */
    public long failures() {
        long n = 0;
        for (Map.Entry<String, Long> e : outcomes().entrySet()) {
            if (!e.getKey().startsWith("2") || e.getKey().length() != 3) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** {@code 200: 4512, 401: 3}: the counts as the log line shows them. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        outcomes().forEach((k, v) -> text.append(text.isEmpty() ? "" : ", ").append(k).append(": ").append(v));
        return text.isEmpty() ? "none" : text.toString();
    }
}
