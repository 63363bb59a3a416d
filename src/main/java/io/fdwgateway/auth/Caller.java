package io.fdwgateway.auth;

import io.vertx.core.json.JsonObject;

/**
 * Who is calling, as established by token verification.
 *
 * @param anonymous true when the request carried no token at all
 * @param subject   the token's {@code sub}, or null
 * @param claims    the verified token claims (empty when anonymous)
 */
public record Caller(boolean anonymous, String subject, JsonObject claims) {

    public static Caller anonymousCaller() {
        return new Caller(true, null, new JsonObject());
    }

    public static Caller of(JsonObject claims) {
        Object sub = claims.getValue("sub");
        return new Caller(false, sub instanceof String s ? s : null, claims);
    }
}
