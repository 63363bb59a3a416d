package io.fdwgateway.role;

import io.fdwgateway.auth.Caller;
import io.vertx.core.json.JsonObject;

/**
 * The JSON the gateway puts in {@code request.jwt.claims}: the verified claims, with the
 * {@code role} member set to the role the call runs as, since SQL helpers such as Supabase's
 * {@code auth.role()} read it from there. The role the token itself claimed, when it had a
 * top-level {@code role} member, is kept as {@value #CLAIMED_ROLE}. Anonymous callers get
 * {@code {"role": <anonymous role>}}. Pure.
 */
public final class SessionClaims {

    /** Member keeping the token's own {@code role} claim. */
    public static final String CLAIMED_ROLE = "gateway_claimed_role";
    private static final String ROLE = "role";

    private SessionClaims() {
    }

    public static String json(Caller caller, String role) {
        if (caller.anonymous()) {
            return new JsonObject().put(ROLE, role).encode();
        }
        JsonObject claims = caller.claims().copy();
        if (claims.containsKey(ROLE)) {
            claims.put(CLAIMED_ROLE, claims.getValue(ROLE));
        }
        claims.put(ROLE, role);
        return claims.encode();
    }
}
