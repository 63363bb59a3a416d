package io.fdwgateway.call;

import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * Every statement a call sends besides the call itself, and the values bound to each: one
 * transaction that sets the session settings, runs the call and commits. The executor
 * pipelines them in this order on one connection; it writes no SQL of its own.
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

    private final String statementTimeoutMillis;

    /** @param statementTimeout the statement timeout every call runs under */
    public CallStatements(Duration statementTimeout) {
        this.statementTimeoutMillis = Long.toString(statementTimeout.toMillis());
    }

    public String begin(CallPlan plan) {
        return plan.readOnly() ? BEGIN_READ_ONLY : BEGIN;
    }

    /** The values of {@link #SESSION_SETTINGS}, in the order its parameters name them. */
    public Tuple sessionSettings(String role, String claimsJson, String method, String path) {
        return Tuple.of(role, claimsJson, method, path, statementTimeoutMillis);
    }
}
