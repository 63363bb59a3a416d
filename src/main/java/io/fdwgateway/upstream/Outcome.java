package io.fdwgateway.upstream;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;

/** What a call tells a breaker about the foreign servers it reached. */
enum Outcome {
    /** The upstream answered (the call may still have failed for another reason). */
    SUCCESS,
    /**
     * The upstream failed: SQLSTATE {@code HV*} (foreign data wrapper) or {@code 08*} sent by
     * Postgres, {@code 57014} (the statement timed out), or no answer before the deadline.
     */
    FAILURE,
    /** Nothing learnt: the gateway's own database connection failed, or the client went away. */
    NEUTRAL;

    static Outcome of(Throwable failure) {
        if (failure == null) {
            return SUCCESS;
        }
        if (!(failure instanceof GatewayException e)) {
            return NEUTRAL;
        }
        GatewayError error = e.error();
        String code = error.code();
        if (error instanceof GatewayError.Deadline || code.startsWith("HV") || code.startsWith("08")
                || code.equals("57014")) {
            return FAILURE;
        }
        if (code.equals(ErrorCode.DATABASE_UNAVAILABLE)) {
            return NEUTRAL;
        }
        return SUCCESS;
    }
}
