package io.fdwgateway.auth;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the (lazily) authenticated request into a {@link Caller}. quarkus-oidc has already
 * checked signature, issuer, expiry, not-before and audience by the time an identity exists;
 * any failure there becomes a 401 {@code invalid_token}.
 */
@ApplicationScoped
public class CallerResolver {

    private final CurrentIdentityAssociation identities;

    public CallerResolver(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    public Uni<Caller> resolve() {
        return identities.getDeferredIdentity()
                .onFailure().transform(CallerResolver::asUnauthorized)
                .map(CallerResolver::toCaller);
    }

    private static Caller toCaller(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return Caller.anonymousCaller();
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getRawToken() == null) {
            throw new GatewayException(invalidToken("The bearer token is not a JSON Web Token."));
        }
        return Caller.of(payloadOf(jwt.getRawToken()));
    }

    /** The token was verified by quarkus-oidc; its payload segment is the verified claim set. */
    private static JsonObject payloadOf(String rawToken) {
        String[] parts = rawToken.split("\\.");
        if (parts.length < 2) {
            throw new GatewayException(invalidToken("The bearer token is malformed."));
        }
        byte[] json = Base64.getUrlDecoder().decode(parts[1]);
        return new JsonObject(new String(json, StandardCharsets.UTF_8));
    }

    private static Throwable asUnauthorized(Throwable failure) {
        if (failure instanceof GatewayException) {
            return failure;
        }
        if (failure instanceof AuthenticationFailedException) {
            return new GatewayException(invalidToken("The bearer token is invalid or expired."), failure);
        }
        return new GatewayException(invalidToken("The bearer token could not be verified."), failure);
    }

    private static GatewayError invalidToken(String detail) {
        return new GatewayError.Unauthorized(ErrorCode.INVALID_TOKEN, detail, true);
    }
}
