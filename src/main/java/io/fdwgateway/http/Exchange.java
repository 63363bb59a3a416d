package io.fdwgateway.http;

import io.fdwgateway.admit.IdempotentCall;
import io.fdwgateway.call.FunctionResponse;
import io.fdwgateway.error.AuthFailure;
import io.fdwgateway.logging.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.ext.web.RoutingContext;

/**
 * One request as the gateway sees it, from its arrival to its one answer: what is known
 * about it so far (the function it reached, the role it ran as) travels here, so that the
 * answer can be recorded with it in {@link CallLog}.
 */
final class Exchange {

    private static final String KEY = Exchange.class.getName();

    private final String requestId;
    private final long startNanos;
    private final String traceId;
    private String function;
    private String role;
    private String subject;
    private AuthFailure refused;
    private boolean ended;
    private IdempotentCall.Run idempotent;
    private java.util.function.Function<io.fdwgateway.admit.StoredAnswer, io.vertx.core.Future<Void>> keep;
    private Preferences preferences = Preferences.NONE;
    private FunctionResponse functionResponse = FunctionResponse.NONE;
    private final java.util.List<String> applied = new java.util.ArrayList<>();

    private Exchange(String requestId, long startNanos, String traceId) {
        this.requestId = requestId;
        this.startNanos = startNanos;
        this.traceId = traceId;
    }

    /**
     * The trace of this request (the caller's, when it sent {@code traceparent}): OpenTelemetry
     * keeps it in the request's Vert.x context while the request is handled, and drops it once
     * the answer is sent, so it is read when the request arrives.
     */
    private static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    String traceId() {
        return traceId;
    }

    /** The exchange of this request, begun on first use (the first gateway handler it meets). */
    static Exchange of(RoutingContext rc) {
        Exchange exchange = rc.get(KEY);
        if (exchange == null) {
            exchange = new Exchange(RequestIds.of(rc), System.nanoTime(), currentTraceId());
            rc.put(KEY, exchange);
        }
        return exchange;
    }

    String requestId() {
        return requestId;
    }

    long startNanos() {
        return startNanos;
    }

    /** The served function this request reached; only ever a catalog name. */
    void routed(String servedName) {
        this.function = servedName;
    }

    /** The served function's name, or null when the request reached none. */
    String function() {
        return function;
    }

    void role(String resolved) {
        this.role = resolved;
    }

    String role() {
        return role;
    }

    /** The verified token's {@code sub}; never set for an anonymous caller. */
    void subject(String verified) {
        this.subject = verified;
    }

    String subject() {
        return subject;
    }

    /** Why the caller was refused, when the answer is that refusal. */
    void refused(AuthFailure reason) {
        this.refused = reason;
    }

    AuthFailure refused() {
        return refused;
    }

    /** This request runs a call under an Idempotency-Key: its answer is recorded before it is sent. */
    void idempotent(IdempotentCall.Run run) {
        this.idempotent = run;
    }

    /** The idempotent call this request runs, or null. */
    IdempotentCall.Run idempotent() {
        return idempotent;
    }

    /** This request's successful (200) answer goes to the response cache, before it is sent. */
    void keep(java.util.function.Function<io.fdwgateway.admit.StoredAnswer, io.vertx.core.Future<Void>> store) {
        this.keep = store;
    }

    /** Where a 200 answer of this request is kept, or null. */
    java.util.function.Function<io.fdwgateway.admit.StoredAnswer, io.vertx.core.Future<Void>> keep() {
        return keep;
    }

    /** The request's {@code Prefer} header, once read; {@link Preferences#NONE} before. */
    void preferences(Preferences read) {
        this.preferences = read;
    }

    Preferences preferences() {
        return preferences;
    }

    /** A preference this request honours, as its {@code Preference-Applied} token ({@code count=exact}). */
    void applied(String token) {
        if (!applied.contains(token)) {
            applied.add(token);
        }
    }

    /** The {@code Preference-Applied} value of a successful answer, or null when nothing was applied. */
    String preferenceApplied() {
        return preferences.applied(applied);
    }

    /** The status and headers the function asked for, applied to its successful answer. */
    void functionResponse(FunctionResponse asked) {
        this.functionResponse = asked;
    }

    FunctionResponse functionResponse() {
        return functionResponse;
    }

    /** Marks the exchange answered; false if it already was, so an answer is recorded once. */
    boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }
}
