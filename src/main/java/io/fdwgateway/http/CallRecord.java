package io.fdwgateway.http;

/**
 * How one request ended. Every field is safe to log and to use as a metric label: the
 * function is a served catalog name or {@code "unknown"}, the role comes from the allow-list,
 * the code is a stable gateway code or a SQLSTATE.
 *
 * @param method        the HTTP method
 * @param function      the served function reached, or {@code "unknown"}
 * @param role          the Postgres role the call ran as, or null when none was resolved
 * @param status        the HTTP status answered
 * @param code          the problem's code, or null for a success
 * @param bytes         bytes of the response body
 * @param durationNanos from the request's arrival at the gateway to its answer
 * @param clientGone    true when the client had closed the connection before the answer
 */
public record CallRecord(String requestId, String method, String function, String role, int status, String code,
                         long bytes, long durationNanos, boolean clientGone) {

    public static final String UNKNOWN_FUNCTION = "unknown";
}
