package io.fdwgateway.auth;

import io.vertx.core.json.JsonObject;

/**
 * Who is calling, as established by token verification.
 *
 * @param anonymous true when the request carried no token at all
 * @param subject   the token's {@code sub}, or null
 * @param claims     the verified token claims (empty when anonymous)
 * @param claimsJson the same claims as JSON text, for {@code request.jwt.claims}; for a token,
 *                   its payload exactly as signed, so it is encoded once per token, not per call
 */
public record Caller(boolean anonymous, String subject, JsonObject claims, String claimsJson) {

    public static Caller anonymousCaller() {
        return new Caller(true, null, new JsonObject(), "{}");
    }

    public static Caller of(JsonObject claims) {
        return of(claims, claims.encode());
    }

    /** @param payloadJson the verified token payload, which {@code claims} was parsed from */
    public static Caller of(JsonObject claims, String payloadJson) {
        Object sub = claims.getValue("sub");
        return new Caller(false, sub instanceof String s ? s : null, claims, payloadJson);
    }
}
