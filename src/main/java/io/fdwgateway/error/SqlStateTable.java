package io.fdwgateway.error;

import java.util.Map;

/**
 * The one SQLSTATE to HTTP table. PostgREST's table is the reference; deliberate changes are
 * marked. Input is an error Postgres sent over a working connection: failures to reach
 * Postgres at all never come here (they are 503, see {@code exec.FailureClassifier}).
 *
 * <p>Whether Postgres' message reaches the client is decided per row: it does where the
 * message is about the client's own input or is the function author's; elsewhere the client
 * gets a fixed sentence, because messages of those classes can name servers, hosts or
 * internal objects.
 */
public final class SqlStateTable {

    private SqlStateTable() {
    }

    public static GatewayError.Database map(String sqlState, String message, String hint, boolean authenticated) {
        String state = sqlState == null ? "" : sqlState;
        String cls = state.length() >= 2 ? state.substring(0, 2) : "";

        // 42501 insufficient_privilege: the role may not do this. Anonymous callers are told to
        // authenticate (401); authenticated ones are refused (403).
        if (state.equals("42501")) {
            return authenticated
                    ? row(403, state, "Forbidden", "The caller's role may not call this function.", null)
                    : withHeaders(row(401, state, "Unauthorized", "This function needs an authenticated caller.", null),
                            Map.of("WWW-Authenticate", "Bearer"));
        }
        // P0001 raise_exception: the function author's message and hint, meant for the client.
        if (state.equals("P0001")) {
            return row(400, state, "Bad Request", message, hint);
        }
        // 23505 unique_violation, 23503 foreign_key_violation: conflicts with existing data.
        if (state.equals("23505") || state.equals("23503")) {
            return row(409, state, "Conflict", message, hint);
        }
        // 22 data_exception (bad value for a type), 23 integrity_constraint_violation.
        if (cls.equals("22") || cls.equals("23")) {
            return row(400, state, "Bad Request", message, hint);
        }
        // 42883 undefined_function, 42P01 undefined_table: the function vanished since the
        // schema cache was loaded; answered exactly like any unknown function.
        if (state.equals("42883") || state.equals("42P01")) {
            GatewayError notFound = new GatewayError.NotFound();
            return row(404, notFound.code(), notFound.title(), notFound.detail(), null);
        }
        // 25006 read_only_sql_transaction: a STABLE/IMMUTABLE function tried to write.
        if (state.equals("25006")) {
            return row(405, state, "Method Not Allowed", "This function writes but is declared read-only.", null);
        }
        // CHANGED: 57014 query_canceled is the statement timeout: 504, not 500.
        if (state.equals("57014")) {
            return row(504, state, "Gateway Timeout", "The call ran longer than the gateway's statement timeout.", null);
        }
        // CHANGED: HV fdw_error: the foreign data source failed, not the gateway: 502.
        if (cls.equals("HV")) {
            return row(502, state, "Bad Gateway", "The foreign data source failed.", null);
        }
        // CHANGED: 08 connection_exception sent by Postgres over a live connection comes from a
        // foreign server Postgres could not reach (postgres_fdw reports 08001): 502.
        if (cls.equals("08")) {
            return row(502, state, "Bad Gateway", "The foreign data source is unreachable.", null);
        }
        // 53 insufficient_resources (too many connections, out of memory, disk full).
        // 57P01..57P03 admin/crash shutdown, cannot connect now: the database is going away.
        // CHANGED: 40 transaction_rollback (serialization failure, deadlock): retrying helps.
        if (cls.equals("53") || state.startsWith("57P") || cls.equals("40")) {
            return withHeaders(row(503, state, "Service Unavailable", "The database is busy or restarting; retry later.", null),
                    Map.of("Retry-After", GatewayError.RETRY_AFTER_SECONDS));
        }
        // 54 program_limit_exceeded (e.g. a value too deeply nested or too large).
        if (cls.equals("54")) {
            return row(413, state, "Payload Too Large", "A value exceeds a database limit.", null);
        }
        // Anything else is the gateway's or the database's fault: generic message, logged.
        return row(500, state, "Internal Server Error",
                "The database could not complete the call; the log holds the details under this request id.", null);
    }

    private static GatewayError.Database row(int status, String code, String title, String detail, String hint) {
        return new GatewayError.Database(status, code, title, detail, hint, Map.of());
    }

    private static GatewayError.Database withHeaders(GatewayError.Database d, Map<String, String> headers) {
        return new GatewayError.Database(d.status(), d.code(), d.title(), d.detail(), d.hint(), headers);
    }
}
