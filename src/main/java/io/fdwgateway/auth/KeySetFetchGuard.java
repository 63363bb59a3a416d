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
import java.util.Set;

/**
 * Sits on every request quarkus-oidc sends to the issuer's JWKS endpoint. quarkus-oidc fetches
 * the key set whenever a token names a key it has not cached (or whose cache entry has expired,
 * see {@code gateway.auth.jwks-max-age}); without a guard, every token with a made-up key id would
 * cost the identity provider a request. This guard refuses such a fetch when the key set was
 * fetched moments ago and did not publish that key id, and refuses every fetch for a short,
 * growing while after one failed. It also records what each fetch returned.
 */
@Singleton
@Unremovable // quarkus-oidc looks filters up at run time; nothing injects them
@OidcEndpoint(OidcEndpoint.Type.JWKS)
public class KeySetFetchGuard implements OidcRequestFilter, OidcResponseFilter {

    private final IdentityProviderState state;

    public KeySetFetchGuard(IdentityProviderState state) {
        this.state = state;
    }

    @Override
    public Uni<Void> filter(OidcRequestFilterContext request) {
        String token = request.contextProperties() == null ? null
                : request.contextProperties().getString(OidcRequestContextProperties.TOKEN);
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
