package io.fdwgateway.shape;

/**
 * One {@code order=} term: a column, as the client named it, its direction and where NULLs go.
 *
 * @param nullsFirst null when the client did not say (Postgres' default for the direction)
 */
public record OrderTerm(String column, boolean descending, Boolean nullsFirst) {
}
