package io.fdwgateway.auth;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcRequestContextProperties;
import io.quarkus.oidc.common.OidcRequestFilter;
import io.quarkus.oidc.common.OidcResponseFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sits on every request quarkus-oidc sends to the issuer's JWKS endpoint. quarkus-oidc fetches
 * the key set whenever a token names a key it has not cached (or whose cache entry has expired,
 * see {@code gateway.auth.jwks-max-age}); without a guard, every token with a made-up key id would
 * cost the identity provider a request. This guard refuses such a fetch when the key set was
 * fetched moments ago and did not publish that key id, and refuses every fetch for a short,
 * growing while after one failed. It also records what each fetch returned. A named quarkus-oidc
 * tenant (another issuer) has its own record of its key set, so one issuer's key set never makes
 * another's keys look unpublished.
 */
@Singleton
@Unremovable // quarkus-oidc looks filters up at run time; nothing injects them
@OidcEndpoint(OidcEndpoint.Type.JWKS)
public class KeySetFetchGuard implements OidcRequestFilter, OidcResponseFilter {

    /** quarkus-oidc's request property naming the tenant whose key set is fetched. */
    private static final String TENANT_ID = "tenant-id";
    /** Same rule as the default issuer's, for a named tenant: another issuer's key set says nothing here. */
    private static final long UNKNOWN_KEY_REFETCH_MILLIS = 10_000;

    private final IdentityProviderState state;
    /** The key ids each named tenant's key set last published, and when it was fetched. */
    private final Map<String, Fetched> tenants = new ConcurrentHashMap<>();

    private record Fetched(Set<String> keyIds, long atMillis) {
    }

    public KeySetFetchGuard(IdentityProviderState state) {
        this.state = state;
    }

    /** The named tenant a request is for; null for the default tenant. */
    private static String tenant(OidcRequestContextProperties properties) {
        Object tenant = properties == null ? null : properties.get(TENANT_ID);
        return tenant instanceof String id && !id.equals("Default") ? id : null;
    }

    @Override
    public Uni<Void> filter(OidcRequestFilterContext request) {
        String token = request.contextProperties() == null ? null
                : request.contextProperties().getString(OidcRequestContextProperties.TOKEN);
        String tenant = tenant(request.contextProperties());
        if (tenant != null) {
            Fetched last = tenants.get(tenant);
            String kid = token == null ? null : keyId(token);
            boolean unknown = token != null && last != null && (kid == null || !last.keyIds().contains(kid))
                    && System.currentTimeMillis() - last.atMillis() < UNKNOWN_KEY_REFETCH_MILLIS;
            return unknown ? Uni.createFrom().failure(new UnpublishedKeyException()) : Uni.createFrom().voidItem();
        }
        IdentityProviderState.KeySetFetch decision = token == null
                ? state.beforeKeySetFetch(null, false) : state.beforeKeySetFetch(keyId(token), true);
        return switch (decision) {
            case ALLOW -> Uni.createFrom().voidItem();
            case UNAVAILABLE -> Uni.createFrom().failure(
                    new IdentityProviderUnavailableException("the key set could not be fetched moments ago"));
            case UNKNOWN_KEY -> Uni.createFrom().failure(new UnpublishedKeyException());
        };
    }

    @Override
    public Uni<Void> filter(OidcResponseFilterContext response) {
        String tenant = tenant(response.requestProperties());
        if (tenant != null) {
            // a named tenant's key set: recorded for that tenant only, never as the default issuer's
            if (response.statusCode() == 200) {
                tenants.put(tenant, new Fetched(keyIds(response.responseBody()), System.currentTimeMillis()));
            }
            return Uni.createFrom().voidItem();
        }
        if (response.statusCode() == 200) {
            state.keySetFetched(keyIds(response.responseBody()));
        } else {
            state.keySetFailed();
        }
        return Uni.createFrom().voidItem();
    }

    /** The key ids a JWKS document publishes; an unreadable document publishes none. */
    static Set<String> keyIds(Buffer body) {
        Set<String> ids = new HashSet<>();
        try {
            JsonArray keys = body == null ? null : new JsonObject(body.getDelegate()).getJsonArray("keys");
            if (keys != null) {
                for (Object key : keys) {
                    if (key instanceof JsonObject jwk && jwk.getValue("kid") instanceof String kid) {
                        ids.add(kid);
                    }
                }
            }
        } catch (RuntimeException e) {
            // quarkus-oidc refuses the document itself; no key id is known from it
        }
        return ids;
    }

    /**
     * The {@code kid} of a token's JOSE header, read without verification: it only decides whether
     * to ask the identity provider, never whether to trust the token. Null when absent or unreadable.
     */
    static String keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(TokenText.toUrlAlphabet(token.substring(0, dot))),
                    StandardCharsets.UTF_8);
            return new JsonObject(header).getValue("kid") instanceof String kid ? kid : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
