package io.fdwgateway.call;

import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;

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
            + " pg_catalog.set_config('statement_timeout', $5, true)";

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

    /**
     * @param statementTimeout  the statement timeout every call runs under
     * @param maxResponseBytes  the largest result Postgres may send back
     */
    public CallStatements(Duration statementTimeout, long maxResponseBytes) {
        this.statementTimeoutMillis = Long.toString(statementTimeout.toMillis());
        this.maxResponseBytes = maxResponseBytes;
    }

    public String begin(CallPlan plan) {
        return plan.readOnly() ? BEGIN_READ_ONLY : BEGIN;
    }

    /** The values of {@link #SESSION_SETTINGS}, in the order its parameters name them. */
    public Tuple sessionSettings(String role, String claimsJson, String method, String path) {
        return Tuple.of(role, claimsJson, method, path, statementTimeoutMillis);
    }

    /** The values of {@link CallPlan#sql()}: the response size limit, then the arguments if any. */
    public Tuple callValues(CallPlan plan) {
        return plan.argumentsJson() == null
                ? Tuple.of(maxResponseBytes)
                : Tuple.of(maxResponseBytes, plan.argumentsJson());
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }
}
