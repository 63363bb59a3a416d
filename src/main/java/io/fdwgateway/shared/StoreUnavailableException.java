package io.fdwgateway.shared;

/** The shared store did not answer in time or could not be reached. The message holds no key or value. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
