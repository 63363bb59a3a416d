package io.fdwgateway.error;

import java.util.List;

/**
 * The one SQLSTATE to HTTP table. PostgREST's table is the reference; deliberate changes are
 * marked CHANGED. Input is an error Postgres sent over a working connection: failures to reach
 * Postgres at all never come here (they are 503, see {@code exec.FailureClassifier}).
 *
 * <p>Whether Postgres' message reaches the client is decided per row: it does where the
 * message is the function author's ({@code RAISE}) or speaks only of the caller's own
 * arguments; elsewhere the client gets a fixed sentence, because messages raised inside a
 * function body can name private tables, quote stored values, or name servers and hosts.
 */
public final class SqlStateTable {

    /** What the caller is allowed, for the rows that depend on it. */
    public record CallerContext(boolean authenticated, String allow) {
    }

    @FunctionalInterface
    private interface Answer {
        GatewayError of(DatabaseFailure failure, CallerContext caller);
    }

    /** A pattern is an exact SQLSTATE, or a prefix ending in {@code *}. */
    private record Row(String pattern, Answer answer) {
        boolean matches(String state) {
            return pattern.endsWith("*") ? state.startsWith(pattern.substring(0, pattern.length() - 1))
                    : state.equals(pattern);
        }
    }

    /** First matching row wins; the order matters where a code is also covered by its class. */
    private static final List<Row> TABLE = List.of(
            // 42501 insufficient_privilege: anonymous callers are told to authenticate (401), others refused (403).
            new Row("42501", (f, c) -> c.authenticated()
                    ? new GatewayError.Forbidden(f.sqlState(), "The caller's role may not call this function.")
                    : new GatewayError.Unauthorized(f.sqlState(), "This function needs an authenticated caller.", false)),
            // P0001 raise_exception: the function author's message and hint, meant for the client (400).
            new Row("P0001", (f, c) -> database(400, f.sqlState(), f.message(), f.hint())),
            // 23505 unique_violation, 23503 foreign_key_violation: conflicts with existing data (409).
            new Row("23505", SqlStateTable::conflict),
            new Row("23503", SqlStateTable::conflict),
            // 22 data_exception (a bad value for a type): 400; Postgres' words only about the caller's arguments.
            new Row("22*", (f, c) -> badValue(f, "The function failed on an invalid value")),
            // 23 integrity_constraint_violation: 400; the constraint is named, Postgres' words withheld.
            new Row("23*", (f, c) -> badValue(f, "The function violated an integrity constraint")),
            // 42883 undefined_function, 42P01 undefined_table: the function vanished since the schema cache
            // was loaded; answered exactly like any unknown function (404).
            new Row("42883", (f, c) -> new GatewayError.NotFound()),
            new Row("42P01", (f, c) -> new GatewayError.NotFound()),
            // CHANGED: 42725 ambiguous_function: overloads Postgres cannot choose between; the caller can name
            // arguments that only one of them takes (400, not 500).
            new Row("42725", (f, c) -> database(400, f.sqlState(),
                    "Several overloads of this function accept these arguments; name arguments that only one accepts.",
                    null)),
            // 25006 read_only_sql_transaction: a STABLE/IMMUTABLE function tried to write (405, Allow: its verbs).
            new Row("25006", (f, c) -> new GatewayError.MethodNotAllowed(f.sqlState(),
                    "This function writes but is declared read-only.", c.allow())),
            // CHANGED: 57014 query_canceled is the statement timeout: 504, not 500.
            new Row("57014", (f, c) -> database(504, f.sqlState(),
                    "The call ran longer than the gateway's statement timeout.", null)),
            // CHANGED: HV fdw_error: the foreign data source failed, not the gateway: 502.
            new Row("HV*", (f, c) -> database(502, f.sqlState(), "The foreign data source failed.", null)),
            // CHANGED: 08 connection_exception sent by Postgres over a live connection comes from a foreign
            // server Postgres could not reach (postgres_fdw reports 08001): 502.
            new Row("08*", (f, c) -> database(502, f.sqlState(), "The foreign data source is unreachable.", null)),
            // 53 insufficient_resources (too many connections, out of memory, disk full): 503, retry.
            new Row("53*", SqlStateTable::retryLater),
            // 57P operator_intervention (admin shutdown, a terminated worker, crash, cannot connect now):
            // the database or a part of it is going away: 503, retry.
            new Row("57P*", SqlStateTable::retryLater),
            // CHANGED: 40 transaction_rollback (serialization failure, deadlock): retrying helps: 503.
            new Row("40*", SqlStateTable::retryLater),
            // 54 program_limit_exceeded (e.g. a value too deeply nested or too large): 413.
            new Row("54*", (f, c) -> new GatewayError.Database(413, f.sqlState(), "Payload Too Large",
                    "A value exceeds a database limit.", null)));

    private SqlStateTable() {
    }

    public static GatewayError map(DatabaseFailure failure, CallerContext caller) {
        for (Row row : TABLE) {
            if (row.matches(failure.sqlState())) {
                return row.answer().of(failure, caller);
            }
        }
        // Anything else is the gateway's or the database's fault: generic message, logged (500).
        return database(500, failure.sqlState(),
                "The database could not complete the call; the log holds the details under this request id.", null);
    }

    private static GatewayError conflict(DatabaseFailure f, CallerContext c) {
        return new GatewayError.Database(409, f.sqlState(), "Conflict",
                "The call conflicts with existing data" + naming(f.constraint()) + ".", null);
    }

    private static GatewayError badValue(DatabaseFailure f, String withheld) {
        if (f.fromArguments()) {
            return database(400, f.sqlState(), f.message(), f.hint());
        }
        return database(400, f.sqlState(), withheld + naming(f.constraint())
                + "; the log holds the details under this request id.", null);
    }

    private static GatewayError retryLater(DatabaseFailure f, CallerContext c) {
        return new GatewayError.Unavailable(f.sqlState(), "The database is busy or restarting; retry later.");
    }

    private static GatewayError database(int status, String code, String detail, String hint) {
        return new GatewayError.Database(status, code, title(status), detail, hint);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 409 -> "Conflict";
            case 502 -> "Bad Gateway";
            case 504 -> "Gateway Timeout";
            default -> "Internal Server Error";
        };
    }

    /** A constraint name is the schema author's identifier: shown, but never with control characters. */
    private static String naming(String constraint) {
        if (constraint == null || constraint.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (constraint \"");
        constraint.codePoints().limit(128).forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return sb.append("\")").toString();
    }
}
