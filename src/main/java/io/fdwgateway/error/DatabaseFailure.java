package io.fdwgateway.error;

/**
 * An error Postgres sent over a working connection, with what {@link SqlStateTable} needs to
 * answer it.
 *
 * @param sqlState the SQLSTATE (never null; empty when Postgres sent none)
 * @param message  Postgres' primary message: shown to the client only where the table says so
 * @param hint     Postgres' hint, or null
 */
public record DatabaseFailure(String sqlState, String message, String hint) {

    public DatabaseFailure {
        sqlState = sqlState == null ? "" : sqlState;
    }
}
