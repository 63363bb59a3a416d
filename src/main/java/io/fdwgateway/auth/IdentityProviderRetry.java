package io.fdwgateway.auth;

import io.fdwgateway.error.AuthFailure;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * When the issuer could not be reached at start, quarkus-oidc leaves its tenant uninitialised and
 * would try again on each request that carries a token. The gateway instead answers those
 * requests 503 at once and retries here, in the background, with {@link Backoff}, until the
 * discovery document is read; from then on tokens are verified without a restart.
 *
 * <p>The retry asks quarkus-oidc to authenticate a placeholder that is not a token: that makes
 * it initialise its tenant (discovery) and then refuse the placeholder without any further
 * request to the issuer, as opaque tokens are not accepted.
 */
@Singleton
public class IdentityProviderRetry {

    private static final Logger LOG = Logger.getLogger(IdentityProviderRetry.class);
    private static final String PLACEHOLDER = "discovery-retry";

    private final IdentityProviderState state;
    private final TenantIdentityProvider tenant;
    private final Vertx vertx;
    private volatile boolean stopped;

    public IdentityProviderRetry(IdentityProviderState state, TenantIdentityProvider tenant, Vertx vertx) {
        this.state = state;
        this.tenant = tenant;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!state.discovered()) {
            schedule(Duration.ZERO);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    private void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> attempt());
    }

    private void attempt() {
        if (stopped || state.discovered()) {
            return;
        }
        tenant.authenticate(new AccessTokenCredential(PLACEHOLDER)).subscribe().with(
                identity -> state.discoverySucceeded(),
                failure -> {
                    if (TokenFailures.classify(failure) == AuthFailure.IDP_UNAVAILABLE) {
                        if (!state.discovered()) {
                            state.discoveryFailed();
                        }
                    } else {
                        // quarkus-oidc initialised its tenant and refused the placeholder itself
                        state.discoverySucceeded();
                    }
                    if (!state.discovered()) {
                        LOG.debugf("identity provider discovery failed; next attempt in %s", state.untilNextDiscovery());
                        schedule(state.untilNextDiscovery());
                    }
                });
    }
}
