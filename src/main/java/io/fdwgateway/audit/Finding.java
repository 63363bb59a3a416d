package io.fdwgateway.audit;

import java.util.OptionalLong;

/**
 * One posture problem of the audited database. Names in {@code object} and {@code fix} come
 * from Postgres' catalog (quoted by Postgres), never from a request.
 *
 * @param object      what the finding is about, e.g. {@code function public.f()}
 * @param why         why it matters
 * @param fix         SQL that fixes it (or a comment saying what to do)
 * @param functionOid the function's oid when the finding is about a function
 * @param blocking    whether the function, if exposed, is never served because of it
 */
public record Finding(Severity severity, String ruleId, String object, String why, String fix,
                      OptionalLong functionOid, boolean blocking) {

    /** Whether this finding keeps the function with this oid from being served. */
    public boolean blocks(long oid) {
        return blocking && functionOid.isPresent() && functionOid.getAsLong() == oid;
    }
}
