package io.fdwgateway.auth;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the (lazily) authenticated request into a {@link Caller}. quarkus-oidc has already
 * checked signature, issuer, expiry, not-before and audience by the time an identity exists;
 * any failure there becomes a 401 {@code invalid_token}. A token verified before and still
 * valid is answered from the {@link VerifiedTokenCache} without verifying it again.
 */
@ApplicationScoped
public class CallerResolver {

    /** "Bearer" (any case), one space, a token of the RFC 6750 b64token characters. */
    private static final Pattern BEARER = Pattern.compile("(?i)Bearer ([A-Za-z0-9._~+/=-]+)");

    private final CurrentIdentityAssociation identities;
    private final VerifiedTokenCache verified;

    public CallerResolver(CurrentIdentityAssociation identities, VerifiedTokenCache verified) {
        this.identities = identities;
        this.verified = verified;
    }

    /**
     * @param request the HTTP request; its bearer token is looked up in the verified-token cache.
     *                An Authorization header of another scheme, or "Bearer" without a token, is
     *                refused rather than treated as anonymous, so a client never silently gets
     *                other access than it meant to use.
     */
    public Uni<Caller> resolve(RoutingContext request) {
        List<String> headers = request.request().headers().getAll("Authorization");
        String token = null;
        if (!headers.isEmpty()) {
            Matcher bearer = BEARER.matcher(headers.get(0));
            if (headers.size() != 1 || !bearer.matches()) {
                return Uni.createFrom().failure(new GatewayException(invalidToken("Only Bearer tokens are accepted.")));
            }
            token = bearer.group(1);
        }
        Caller known = verified.get(token);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return identities.getDeferredIdentity()
                .onFailure().transform(CallerResolver::asUnauthorized)
                .map(this::toCaller);
    }

    private Caller toCaller(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return Caller.anonymousCaller();
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getRawToken() == null) {
            throw new GatewayException(invalidToken("The bearer token is not a JSON Web Token."));
        }
        String payload = payloadOf(jwt.getRawToken());
        Caller caller = Caller.of(new JsonObject(payload), payload);
        verified.put(jwt.getRawToken(), caller);
        return caller;
    }

    /** The token was verified by quarkus-oidc; its payload segment is the verified claim set. */
    private static String payloadOf(String rawToken) {
        String[] parts = rawToken.split("\\.");
        if (parts.length < 2) {
            throw new GatewayException(invalidToken("The bearer token is malformed."));
        }
        byte[] json = Base64.getUrlDecoder().decode(parts[1]);
        return new String(json, StandardCharsets.UTF_8);
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
