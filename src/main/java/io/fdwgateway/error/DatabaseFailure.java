package io.fdwgateway.error;

/**
 * An error Postgres sent over a working connection, with what {@link SqlStateTable} needs to
 * answer it.
 *
 * @param sqlState      the SQLSTATE (never null; empty when Postgres sent none)
 * @param message       Postgres' primary message: shown to the client only where the table says so
 * @param hint          Postgres' hint, or null
 * @param constraint    the constraint Postgres named (integrity violations), or null
 * @param fromArguments true when the error came from converting the caller's own arguments to
 *                      their parameter types, before the function ran: its message then speaks
 *                      of the caller's values only
 */
public record DatabaseFailure(String sqlState, String message, String hint, String constraint,
                              boolean fromArguments) {

    public DatabaseFailure {
        sqlState = sqlState == null ? "" : sqlState;
    }
}
