package io.fdwgateway.auth;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcResponseFilter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Records the answer to each discovery request quarkus-oidc sends to the issuer. */
@Singleton
@Unremovable // quarkus-oidc looks filters up at run time; nothing injects them
@OidcEndpoint(OidcEndpoint.Type.DISCOVERY)
public class DiscoveryWatch implements OidcResponseFilter {

    private final IdentityProviderState state;

    public DiscoveryWatch(IdentityProviderState state) {
        this.state = state;
    }

    @Override
    public Uni<Void> filter(OidcResponseFilterContext response) {
        if (response.statusCode() == 200) {
            state.discoverySucceeded();
        } else {
            state.discoveryFailed();
        }
        return Uni.createFrom().voidItem();
    }
}
