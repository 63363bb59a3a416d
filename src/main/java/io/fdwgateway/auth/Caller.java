package io.fdwgateway.auth;

import io.vertx.core.json.JsonObject;

/**
 * Who is calling, as established by token verification.
 *
 * @param anonymous true when the request carried no token at all
 * @param subject   the token's {@code sub}, or null
 * @param claims    the verified claims (empty when anonymous): the signed payload of a token
 *                  quarkus-oidc verified, or the identity provider's introspection answer
 */
public record Caller(boolean anonymous, String subject, JsonObject claims) {

    private static final Caller ANONYMOUS = new Caller(true, null, new JsonObject());

    /** The one anonymous caller; its claims are never modified. */
    public static Caller anonymousCaller() {
        return ANONYMOUS;
    }

    public static Caller of(JsonObject claims) {
        Object sub = claims.getValue("sub");
        return new Caller(false, sub instanceof String s ? s : null, claims);
    }
}
