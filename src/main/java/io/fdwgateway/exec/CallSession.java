package io.fdwgateway.exec;

import java.time.Duration;

/**
 * What the database is told about a call, all set transaction-locally with bound values.
 *
 * @param role          the resolved Postgres role (always from the allow-list)
 * @param claimsJson    verified token claims, for {@code request.jwt.claims}
 * @param authenticated whether a verified token was presented (decides 401 vs 403 on 42501)
 * @param headersJson   the request's headers for {@code request.headers} (lower-case names, no credentials)
 * @param cookiesJson   the request's cookies for {@code request.cookies}
 * @param rollback      end the transaction with a rollback ({@code Prefer: tx=rollback}, when allowed)
 * @param statementTimeout the database's own statement timeout for this call (the function's, else
 *                      the role's), or null for {@code gateway.statement-timeout}
 */
public record CallSession(String role, String claimsJson, String method, String path, boolean authenticated,
                          String requestId, String headersJson, String cookiesJson, boolean rollback,
                          Duration statementTimeout) {

    /** A call under {@code gateway.statement-timeout}. */
    public CallSession(String role, String claimsJson, String method, String path, boolean authenticated,
                       String requestId, String headersJson, String cookiesJson, boolean rollback) {
        this(role, claimsJson, method, path, authenticated, requestId, headersJson, cookiesJson, rollback, null);
    }
}
