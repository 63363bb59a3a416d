package io.fdwgateway.catalog;

/** What a function returns, which decides how its result is turned into JSON. */
public enum ReturnShape {
    /** {@code returns table(…)} or {@code setof composite}: a JSON array of objects. */
    SET_OF_ROWS,
    /** {@code setof scalar}: a JSON array of values. */
    SET_OF_SCALARS,
    /** A single composite value: a JSON object. */
    ROW,
    /** A single scalar: that JSON value. */
    SCALAR,
    /** {@code returns void}: 204, no body. */
    VOID
}
