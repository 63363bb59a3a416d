package io.fdwgateway.auth;

import io.fdwgateway.error.AuthFailure;
import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.common.runtime.OidcEndpointAccessException;
import io.vertx.core.VertxException;
import io.vertx.core.json.DecodeException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Reads why quarkus-oidc refused a token from the failure it raised, as one {@link AuthFailure}.
 * quarkus-oidc wraps the cause (jose4j's validation errors, a refused algorithm, a key id its
 * key set lacks, or the I/O failure of a request to the identity provider) in an
 * {@code AuthenticationFailedException}; the cause chain is searched for the first telling one.
 */
final class TokenFailures {

    private static final int MAX_DEPTH = 16;

    private TokenFailures() {
    }

    static AuthFailure classify(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof IdentityProviderUnavailableException) {
                return AuthFailure.IDP_UNAVAILABLE;
            }
            if (t instanceof UnpublishedKeyException || t instanceof UnresolvableKeyException
                    || t instanceof InvalidAlgorithmException) {
                return AuthFailure.SIGNATURE;
            }
            if (t instanceof InvalidJwtException invalid) {
                return fromJwtErrors(invalid);
            }
            if (t instanceof DecodeException) {
                return AuthFailure.MALFORMED;
            }
            if (isUnreachable(t)) {
                return AuthFailure.IDP_UNAVAILABLE;
            }
        }
        // quarkus-oidc refuses unreadable tokens and opaque tokens (introspection is off) without a cause
        return AuthFailure.MALFORMED;
    }

    /** True when the failure is the identity provider not answering (as opposed to our own refusal). */
    static boolean isIdentityProviderFailure(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof IdentityProviderUnavailableException || t instanceof InvalidJwtException
                    || t instanceof UnpublishedKeyException || t instanceof UnresolvableKeyException
                    || t instanceof DecodeException) {
                return false;
            }
            if (isUnreachable(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnreachable(Throwable t) {
        // VertxException: the HTTP client's connection failures (DecodeException, also one, is handled before);
        // OIDCException: a discovery, key set or introspection request that failed or was refused
        return t instanceof IOException || t instanceof TimeoutException || t instanceof VertxException
                || t instanceof OIDCException || t instanceof OidcEndpointAccessException;
    }

    /** jose4j lists every failed check; the most telling one wins. */
    private static AuthFailure fromJwtErrors(InvalidJwtException invalid) {
        Throwable cause = invalid.getCause();
        if (cause instanceof UnresolvableKeyException || cause instanceof InvalidAlgorithmException) {
            return AuthFailure.SIGNATURE;
        }
        List<ErrorCodeValidator.Error> errors = invalid.getErrorDetails();
        if (has(errors, ErrorCodes.SIGNATURE_INVALID, ErrorCodes.SIGNATURE_MISSING)) {
            return AuthFailure.SIGNATURE;
        }
        if (has(errors, ErrorCodes.ISSUER_INVALID, ErrorCodes.ISSUER_MISSING)) {
            return AuthFailure.ISSUER;
        }
        if (has(errors, ErrorCodes.AUDIENCE_INVALID, ErrorCodes.AUDIENCE_MISSING)) {
            return AuthFailure.AUDIENCE;
        }
        if (has(errors, ErrorCodes.EXPIRED, ErrorCodes.NOT_YET_VALID, ErrorCodes.ISSUED_AT_INVALID_FUTURE,
                ErrorCodes.ISSUED_AT_INVALID_PAST, ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)) {
            return AuthFailure.EXPIRED;
        }
        return AuthFailure.MALFORMED;
    }

    private static boolean has(List<ErrorCodeValidator.Error> errors, int... codes) {
        for (ErrorCodeValidator.Error error : errors) {
            for (int code : codes) {
                if (error.getErrorCode() == code) {
                    return true;
                }
            }
        }
        return false;
    }
}
