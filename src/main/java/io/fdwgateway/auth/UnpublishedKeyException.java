package io.fdwgateway.auth;

/**
 * The token names a key that the issuer's key set, fetched moments ago, did not publish: the
 * token was not signed by the issuer. Refused without fetching the key set again.
 */
final class UnpublishedKeyException extends RuntimeException {

    UnpublishedKeyException() {
        super("the token's key id is not in the issuer's key set", null, false, false);
    }
}
