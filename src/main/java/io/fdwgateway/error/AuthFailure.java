package io.fdwgateway.error;

import java.util.Locale;

/**
 * Why a caller was not let in: a closed set, so the log line and the metric that count
 * refusals by reason stay bounded. The {@link #label()} is the public name.
 */
public enum AuthFailure {
    /** No bearer token, and anonymous calls are off. */
    MISSING,
    /** Not a JWT, a token this gateway does not accept, or an Authorization header of another scheme. */
    MALFORMED,
    /** Outside its validity window ({@code exp}, {@code nbf}, {@code iat}). */
    EXPIRED,
    /** Signature invalid, a refused algorithm, or signed with a key the issuer does not publish. */
    SIGNATURE,
    /** Issued by another issuer. */
    ISSUER,
    /** Issued for another audience. */
    AUDIENCE,
    /** The identity provider's discovery document or key set could not be fetched. */
    IDP_UNAVAILABLE,
    /** A valid token whose role claim names no allowed role. */
    ROLE_REFUSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
