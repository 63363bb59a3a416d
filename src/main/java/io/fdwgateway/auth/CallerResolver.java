package io.fdwgateway.auth;

import io.fdwgateway.error.AuthFailure;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.logging.RequestIds;
import io.quarkus.oidc.TokenIntrospection;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.Claims;
import org.jboss.logging.Logger;

/**
 * Turns the (lazily) authenticated request into a {@link Caller}. quarkus-oidc has already
 * checked signature, issuer, expiry, not-before and audience by the time an identity exists.
 * The claims are those quarkus-oidc verified: the payload of the JWT whose signature it checked
 * or, when an operator has turned introspection on, the identity provider's introspection
 * answer; never bytes of the token that nobody verified. A token verified before and still valid
 * is answered from the {@link VerifiedTokenCache} without verifying it again, and a token already
 * being verified for another request waits for that verification instead of starting its own.
 *
 * <p>Every refusal is logged at INFO under the request id with its {@link AuthFailure} reason and
 * never with token text, and carries the reason on its {@link GatewayError}.
 */
@ApplicationScoped
public class CallerResolver {

    private static final Logger LOG = Logger.getLogger(CallerResolver.class);
    /** Security identity attribute quarkus-oidc sets when it verified a token by introspection. */
    private static final String INTROSPECTION = "introspection";

    private final VerifiedTokenCache verified;
    private final IdentityProviderState identityProvider;
    private final PublishableKeys publishableKeys;
    /**
     * Verifications under way, by exact token text. Clients send their parallel requests with one
     * token (a page load, the first calls to a new replica, the minute after a token refresh):
     * without this, each of N concurrent requests verified the same signature, N times the CPU of
     * one (wrk's 32 connections on a new process: 32 verifications of one token; bench/README.md,
     * levers, "one verification per burst of one token").
     */
    private final Map<String, Uni<Caller>> verifying = new ConcurrentHashMap<>();

    public CallerResolver(VerifiedTokenCache verified, IdentityProviderState identityProvider,
                          PublishableKeys publishableKeys) {
        this.verified = verified;
        this.identityProvider = identityProvider;
        this.publishableKeys = publishableKeys;
    }

    /**
     * @param request the HTTP request; its bearer token is looked up in the verified-token cache.
     *                An Authorization header of another scheme, or "Bearer" without a token, is
     *                refused rather than treated as anonymous, so a client never silently gets
     *                other access than it meant to use.
     */
    public Uni<Caller> resolve(RoutingContext request) {
        List<String> headers = request.request().headers().getAll("Authorization");
        if (headers.isEmpty()) {
            return Uni.createFrom().item(Caller.anonymousCaller());
        }
        // "Bearer" (any case), one space, a token of the RFC 6750 b64token characters
        String token = headers.size() == 1 ? BearerHeader.token(headers.get(0)) : null;
        if (token == null) {
            return Uni.createFrom().failure(refused(request, AuthFailure.MALFORMED, "Only Bearer tokens are accepted."));
        }
        if (publishableKeys.matches(token)) {
            // a signed-out supabase-js client: no identity, whatever else the request says
            return Uni.createFrom().item(Caller.anonymousCaller());
        }
        Caller known = verified.get(token);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        if (!identityProvider.discovered()) {
            // retried in the background with backoff (IdentityProviderRetry), not once per request
            return Uni.createFrom().failure(refused(request, AuthFailure.IDP_UNAVAILABLE, null));
        }
        Uni<Caller> underWay = verifying.get(token);
        if (underWay != null) {
            return sharing(request, token, underWay);
        }
        Uni<Caller> mine = verify(request, token)
                .onTermination().invoke(() -> verifying.remove(token))
                .memoize().indefinitely();
        Uni<Caller> raced = verifying.putIfAbsent(token, mine);
        return raced == null ? mine : sharing(request, token, raced);
    }

    /**
     * The caller another request's verification of this very token establishes, answered on this
     * request's own event loop. Only a success is shared: should that verification fail, this
     * request verifies the token itself, so every refusal is this request's own, logged under its id.
     */
    private Uni<Caller> sharing(RoutingContext request, String token, Uni<Caller> underWay) {
        Context here = Vertx.currentContext();
        Uni<Caller> shared = here == null ? underWay
                : underWay.emitOn(task -> here.runOnContext(ignored -> task.run()));
        return shared.onFailure().recoverWithUni(failure -> verify(request, token));
    }

    /**
     * Proactive authentication is off: Quarkus' security handler left the deferred identity in the
     * routing context, and verifies the token when it is first subscribed to.
     */
    private Uni<Caller> verify(RoutingContext request, String token) {
        return QuarkusHttpUser.getSecurityIdentity(request, null)
                .onFailure().transform(failure -> refusedBy(request, failure))
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "the request carries no identity: Quarkus' security handler did not run before this route"))
                .map(identity -> toCaller(request, identity, token));
    }

    private Caller toCaller(RoutingContext request, SecurityIdentity identity, String token) {
        JsonObject claims;
        if (identity.isAnonymous()) {
            throw refused(request, AuthFailure.MALFORMED, "The bearer token could not be read.");
        } else if (identity.getAttribute(INTROSPECTION) instanceof TokenIntrospection introspection) {
            claims = new JsonObject(introspection.getIntrospectionString());
            claims.remove("active");
        } else if (identity.getPrincipal() instanceof OidcJwtCallerPrincipal jwt) {
            // the JSON quarkus-oidc parsed the claims from, as verified: the claims map itself has
            // been rewritten into JSON-P values by the principal
            claims = new JsonObject(jwt.getClaims().getRawJson());
            claims.remove(Claims.raw_token.name());
        } else {
            throw refused(request, AuthFailure.MALFORMED, "The bearer token is not a JSON Web Token.");
        }
        Caller caller = Caller.of(claims, tenantOf(identity));
        verified.put(token, caller);
        return caller;
    }

    /**
     * The named quarkus-oidc tenant that verified the token (with
     * {@code quarkus.oidc.resolve-tenants-with-issuer=true}, the one whose issuer the token names);
     * null for the default tenant.
     */
    private static String tenantOf(SecurityIdentity identity) {
        Object tenant = identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE);
        return tenant instanceof String id && !id.equals(OidcUtils.DEFAULT_TENANT_ID) ? id : null;
    }

    private Throwable refusedBy(RoutingContext request, Throwable failure) {
        if (failure instanceof GatewayException) {
            return failure;
        }
        AuthFailure reason = TokenFailures.classify(failure);
        if (reason == AuthFailure.IDP_UNAVAILABLE && TokenFailures.isIdentityProviderFailure(failure)) {
            identityProvider.requestFailed();
        }
        return refused(request, reason, null);
    }

    private static GatewayException refused(RoutingContext request, AuthFailure reason, String detail) {
        LOG.infof("[%s] bearer token refused (%s): %s", RequestIds.of(request), reason.label(), explain(reason));
        if (reason == AuthFailure.IDP_UNAVAILABLE) {
            return new GatewayException(new GatewayError.IdentityProviderUnavailable());
        }
        return new GatewayException(new GatewayError.Unauthorized(ErrorCode.INVALID_TOKEN,
                detail == null ? "The bearer token is invalid or expired." : detail, true, reason));
    }

    /** For the operator: what each reason means, without a byte of the token. */
    private static String explain(AuthFailure reason) {
        return switch (reason) {
            case MALFORMED -> "not a signed JWT this gateway accepts, or not a Bearer Authorization header";
            case EXPIRED -> "outside its validity period (exp, nbf or iat)";
            case SIGNATURE -> "signature invalid, algorithm refused, or signed with a key the issuer does not publish";
            case ISSUER -> "issued by another issuer than the configured one";
            case AUDIENCE -> "issued for another audience than quarkus.oidc.token.audience";
            case IDP_UNAVAILABLE -> "the identity provider's discovery document or key set cannot be fetched";
            case MISSING, ROLE_REFUSED -> reason.label();
        };
    }
}
