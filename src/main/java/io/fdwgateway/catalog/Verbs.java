package io.fdwgateway.catalog;

import java.util.List;

/**
 * The HTTP verbs that call a served function name: the one rule behind routing, the
 * {@code Allow} header of 405 and OPTIONS answers, and the operations of the OpenAPI
 * document. All overloads of a name share one URL, so the rule is per name: GET (and HEAD)
 * only when every overload is STABLE or IMMUTABLE, since GET must never reach a function
 * that writes.
 */
public enum Verbs {
    /** Every overload is read-only: GET, HEAD and POST. */
    READ_ONLY("GET, HEAD, POST"),
    /** Some overload is VOLATILE: POST only. */
    POST_ONLY("POST");

    private final String allow;

    Verbs(String allow) {
        this.allow = allow;
    }

    /** @param overloads the routines served under one name; not empty */
    public static Verbs of(List<Routine> overloads) {
        // a loop, not a stream: the router asks on every call
        for (Routine r : overloads) {
            if (!r.volatility().readOnly()) {
                return POST_ONLY;
            }
        }
        return READ_ONLY;
    }

    public boolean allowsGet() {
        return this == READ_ONLY;
    }

    /** The value of an {@code Allow} header. */
    public String allow() {
        return allow;
    }
}
