package io.fdwgateway.call;

import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every statement a call sends, and the values bound to each: one transaction that sets the
 * session settings, runs the call and commits, then the statements that return the session
 * to its pristine state before the connection serves another caller. The executor pipelines
 * them in this order on one connection; it writes no SQL of its own.
 *
 * <p>A function can leave state behind that outlives its transaction: session-level settings
 * ({@code set_config(k, v, false)}, {@code TimeZone}), session advisory locks, temporary
 * tables, held cursors, {@code LISTEN}, sequence state ({@code lastval()}). The reset
 * removes all of it, like {@code DISCARD ALL}, except the prepared statements the gateway
 * caches on the connection.
 */
public final class CallStatements {

    public static final String BEGIN = "begin";
    public static final String BEGIN_READ_ONLY = "begin read only";

    /** The per-call session settings, all bound values and all transaction-local. */
    public static final String SESSION_SETTINGS = "select pg_catalog.set_config('role', $1, true),"
            + " pg_catalog.set_config('request.jwt.claims', $2, true),"
            + " pg_catalog.set_config('request.method', $3, true),"
            + " pg_catalog.set_config('request.path', $4, true),"
            + " pg_catalog.set_config('statement_timeout', $5, true),"
            + " pg_catalog.set_config('request.headers', $6, true),"
            + " pg_catalog.set_config('request.cookies', $7, true)";

    /**
     * After the call (and the pre-request function), still in its transaction: what the function
     * asked of the answer. Unset settings read as NULL, or as '' once another call of the session
     * defined them.
     */
    public static final String RESPONSE_SETTINGS = "select pg_catalog.current_setting('response.status', true),"
            + " pg_catalog.current_setting('response.headers', true)";

    public static final String COMMIT = "commit";
    /** Ends the call's transaction instead of {@link #COMMIT} under an allowed {@code Prefer: tx=rollback}. */
    public static final String ROLLBACK = "rollback";

    /** After the commit, outside any transaction: what a function may have left in the session. */
    public static final List<String> SESSION_RESET = List.of(
            "close all",
            "reset all",
            "unlisten *",
            "select pg_catalog.pg_advisory_unlock_all()",
            "discard temp",
            "discard sequences");

    private final String statementTimeoutMillis;
    private final Long maxResponseBytes;
    private final Optional<String> preRequest;

    /**
     * @param statementTimeout  the statement timeout every call runs under
     * @param maxResponseBytes  the largest result Postgres may send back
     * @param preRequest        {@code gateway.pre-request}: {@code schema.function}, if set
     */
    public CallStatements(Duration statementTimeout, long maxResponseBytes, Optional<String> preRequest) {
        this.statementTimeoutMillis = Long.toString(statementTimeout.toMillis());
        this.maxResponseBytes = maxResponseBytes;
        this.preRequest = preRequest.map(CallStatements::preRequestCall);
    }

    /**
     * The statement that runs {@code gateway.pre-request}: both names quoted, so only that one
     * function of that one schema can be meant.
     *
     * @throws IllegalArgumentException naming the key, for a value that is not {@code schema.function}
     */
    static String preRequestCall(String qualifiedName) {
        String[] parts = qualifiedName.trim().split("\\.", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank() || qualifiedName.indexOf('\0') >= 0
                || qualifiedName.indexOf('"') >= 0) {
            throw new IllegalArgumentException("gateway.pre-request must be <schema>.<function> (unquoted names),"
                    + " not '" + qualifiedName + "'");
        }
        return "select " + SqlBuilder.quote(parts[0].trim()) + "." + SqlBuilder.quote(parts[1].trim()) + "()";
    }

    /** The pre-request statement, run after the session settings and before the call, when configured. */
    public Optional<String> preRequest() {
        return preRequest;
    }

    public String begin(CallPlan plan) {
        return plan.readOnly() ? BEGIN_READ_ONLY : BEGIN;
    }

    /** The values of {@link #SESSION_SETTINGS}, in the order its parameters name them. */
    public Tuple sessionSettings(String role, String claimsJson, String method, String path, String headersJson,
                                 String cookiesJson) {
        return Tuple.of(role, claimsJson, method, path, statementTimeoutMillis, headersJson, cookiesJson);
    }

    /** As {@link #sessionSettings(String, String, String, String, String, String)}, under this call's own statement timeout. */
    public Tuple sessionSettings(String role, String claimsJson, String method, String path, String headersJson,
                                 String cookiesJson, Duration statementTimeout) {
        return Tuple.of(role, claimsJson, method, path, Long.toString(statementTimeout.toMillis()), headersJson,
                cookiesJson);
    }

    /**
     * The values of {@link CallPlan#sql()}: the response size limit, then the arguments if any, then
     * the shaping values if the result is shaped (see {@link ShapedSql}).
     */
    public Tuple callValues(CallPlan plan) {
        Tuple values = plan.argumentsJson() == null
                ? Tuple.of(maxResponseBytes)
                : Tuple.of(maxResponseBytes, plan.argumentsJson());
        if (plan.form().shaped()) {
            values.addArrayOfString(plan.form().values().toArray(new String[0]));
        }
        return values;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }
}
