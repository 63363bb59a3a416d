package io.fdwgateway.error;

/** Carries a {@link GatewayError} through futures to the one place that writes answers. */
public final class GatewayException extends RuntimeException {

    private final transient GatewayError error;

    public GatewayException(GatewayError error) {
        this(error, null);
    }

    public GatewayException(GatewayError error, Throwable cause) {
        // No stack trace: these are expected outcomes, and the cause (if any) is logged once.
        super(error.code(), cause, false, false);
        this.error = error;
    }

    public GatewayError error() {
        return error;
    }
}
