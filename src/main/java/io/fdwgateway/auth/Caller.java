package io.fdwgateway.auth;

import io.vertx.core.json.JsonObject;

/**
 * Who is calling, as established by token verification.
 *
 * @param anonymous true when the request carried no token at all
 * @param subject   the token's {@code sub}, or null
 * @param claims    the verified claims (empty when anonymous): the signed payload of a token
 *                  quarkus-oidc verified, or the identity provider's introspection answer
 * @param tenant    the quarkus-oidc tenant that verified the token ({@code quarkus.oidc.<tenant>.*});
 *                  null for the default tenant and for anonymous callers
 */
public record Caller(boolean anonymous, String subject, JsonObject claims, String tenant) {

    private static final Caller ANONYMOUS = new Caller(true, null, new JsonObject(), null);

    /** The one anonymous caller; its claims are never modified. */
    public static Caller anonymousCaller() {
        return ANONYMOUS;
    }

    public static Caller of(JsonObject claims) {
        return of(claims, null);
    }

    /** @param tenant the named quarkus-oidc tenant that verified the token, or null for the default one */
    public static Caller of(JsonObject claims, String tenant) {
        Object sub = claims.getValue("sub");
        return new Caller(false, sub instanceof String s ? s : null, claims, tenant);
    }
}
