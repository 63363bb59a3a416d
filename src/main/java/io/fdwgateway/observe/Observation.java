package io.fdwgateway.observe;

import io.fdwgateway.error.AuthFailure;

/**
 * One answered request, as everything that watches the gateway sees it: the access log and the
 * metrics both read this, and nothing else, so the two always agree. Fired once per answer by
 * {@code http.CallLog}. Every field is safe to log and bounded as a metric label, except
 * {@link #subject()} (the verified {@code sub}), which the access log alone uses, as configured.
 *
 * @param requestId     the request id (the {@code X-Request-Id} answered)
 * @param method        the HTTP method
 * @param function      a served function's name, or {@code "unknown"}
 * @param role          the Postgres role the call ran as, or null when none was resolved
 * @param subject       the verified token's {@code sub}, or null for an anonymous or refused caller
 * @param status        the HTTP status answered
 * @param code          the problem's code, or null for a success
 * @param authFailure   why the caller was refused, or null when it was not
 * @param bytes         bytes of the response body
 * @param durationNanos from the request's arrival at the gateway to its answer
 * @param traceId       the W3C trace id of the call, or null when it is not traced
 * @param clientGone    true when the client had closed the connection before the answer
 */
public record Observation(String requestId, String method, String function, String role, String subject,
                          int status, String code, AuthFailure authFailure, long bytes, long durationNanos,
                          String traceId, boolean clientGone) {

    /** The function label of a request that reached no served function. */
    public static final String UNKNOWN_FUNCTION = "unknown";
}
