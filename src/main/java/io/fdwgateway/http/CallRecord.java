package io.fdwgateway.http;

import io.fdwgateway.error.AuthFailure;
import io.fdwgateway.observe.Observation;

/**
 * How one request ended, as the http stage knows it. Every field is safe to log and to use as a
 * metric label, except the subject, which only the access log uses: the function is a served
 * catalog name or {@code "unknown"}, the role comes from the allow-list, the code is a stable
 * gateway code or a SQLSTATE.
 *
 * @param method        the HTTP method
 * @param function      the served function reached, or {@code "unknown"}
 * @param role          the Postgres role the call ran as, or null when none was resolved
 * @param subject       the verified token's {@code sub}, or null
 * @param status        the HTTP status answered
 * @param code          the problem's code, or null for a success
 * @param authFailure   why the caller was refused, or null
 * @param bytes         bytes of the response body
 * @param durationNanos from the request's arrival at the gateway to its answer
 * @param traceId       the W3C trace id of the request, or null
 * @param clientGone    true when the client had closed the connection before the answer
 */
public record CallRecord(String requestId, String method, String function, String role, String subject, int status,
                         String code, AuthFailure authFailure, long bytes, long durationNanos, String traceId,
                         boolean clientGone) {

    public static final String UNKNOWN_FUNCTION = Observation.UNKNOWN_FUNCTION;
}
