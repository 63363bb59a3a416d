package io.fdwgateway.auth;

/**
 * The identity provider could not be asked: a request to it failed moments ago, so the gateway
 * does not send another yet. Carried through quarkus-oidc's failure chain to {@link TokenFailures}.
 */
final class IdentityProviderUnavailableException extends RuntimeException {

    IdentityProviderUnavailableException(String message) {
        super(message, null, false, false);
    }
}
