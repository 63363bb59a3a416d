package io.fdwgateway.auth;

import io.fdwgateway.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What the gateway knows of the identity provider: whether its discovery document has been read,
 * which key ids its key set published when last fetched, and whether it is reachable. Fed by
 * {@link KeySetFetchGuard} (every discovery and key set request quarkus-oidc sends) and by the
 * token failures {@link CallerResolver} sees; read by the fetch guard, the resolver and the
 * readiness check.
 *
 * <p>An outage is logged once at WARN when it starts and once at INFO when it ends. While the
 * provider is unreachable, new attempts wait a growing {@link Backoff}.
 */
@ApplicationScoped
public class IdentityProviderState {

    private static final Logger LOG = Logger.getLogger(IdentityProviderState.class);
    /**
     * Shortest time between two key set fetches for key ids the last key set did not publish,
     * so tokens with made-up key ids cannot make the gateway hammer the provider.
     */
    static final Duration UNKNOWN_KEY_REFETCH = Duration.ofSeconds(10);

    /** What the fetch guard should do with a key set request. */
    enum KeySetFetch {
        /** Fetch it. */
        ALLOW,
        /** The last fetch failed moments ago: do not ask again yet. */
        UNAVAILABLE,
        /** The key id was absent from a key set fetched moments ago: the key is not the issuer's. */
        UNKNOWN_KEY
    }

    private final LongSupplier clock;
    private final Duration unknownKeyRefetch;

    private volatile boolean discovered;
    private volatile Set<String> publishedKeyIds = Set.of();
    private volatile long keySetFetchedAt = -1;
    private volatile long unreachableSince = -1;
    private int discoveryFailures;
    private long discoveryRetryAt;
    private int keySetFailures;
    private long keySetRetryAt;

    @Inject
    IdentityProviderState(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
                          @ConfigProperty(name = "quarkus.oidc.discovery-enabled") Optional<Boolean> discoveryEnabled) {
        this(authServerUrl.isEmpty() || !discoveryEnabled.orElse(true), System::currentTimeMillis, UNKNOWN_KEY_REFETCH);
    }

    /** @param discovered true when quarkus-oidc does not read a discovery document at all */
    IdentityProviderState(boolean discovered, LongSupplier clockMillis, Duration unknownKeyRefetch) {
        this.discovered = discovered;
        this.clock = clockMillis;
        this.unknownKeyRefetch = unknownKeyRefetch;
    }

    /** True once quarkus-oidc has read the discovery document, so tokens can be verified. */
    public boolean discovered() {
        return discovered;
    }

    void discoverySucceeded() {
        synchronized (this) {
            discovered = true;
            discoveryFailures = 0;
            discoveryRetryAt = 0;
        }
        markReachable();
    }

    void discoveryFailed() {
        synchronized (this) {
            discoveryFailures++;
            discoveryRetryAt = clock.getAsLong() + Backoff.after(discoveryFailures).toMillis();
        }
        markUnreachable("its discovery document cannot be read");
    }

    /** How long until the next discovery attempt is due (zero when due now). */
    synchronized Duration untilNextDiscovery() {
        return Duration.ofMillis(Math.max(0, discoveryRetryAt - clock.getAsLong()));
    }

    /**
     * Decides on a key set request that quarkus-oidc is about to send.
     *
     * @param keyId    the key id of the token that needs the key set, or null
     * @param forToken false when no token asked for it (quarkus-oidc loading the key set for itself)
     */
    KeySetFetch beforeKeySetFetch(String keyId, boolean forToken) {
        long now = clock.getAsLong();
        synchronized (this) {
            if (now < keySetRetryAt) {
                return KeySetFetch.UNAVAILABLE;
            }
        }
        boolean published = keyId != null && publishedKeyIds.contains(keyId);
        if (forToken && !published && keySetFetchedAt >= 0 && now - keySetFetchedAt < unknownKeyRefetch.toMillis()) {
            return KeySetFetch.UNKNOWN_KEY;
        }
        return KeySetFetch.ALLOW;
    }

    void keySetFetched(Set<String> keyIds) {
        synchronized (this) {
            publishedKeyIds = Set.copyOf(keyIds);
            keySetFetchedAt = clock.getAsLong();
            keySetFailures = 0;
            keySetRetryAt = 0;
        }
        markReachable();
    }

    void keySetFailed() {
        synchronized (this) {
            keySetFailures++;
            keySetRetryAt = clock.getAsLong() + Backoff.after(keySetFailures).toMillis();
        }
        markUnreachable("its key set cannot be fetched");
    }

    /** A request to the provider failed to get an answer: discovery when not discovered yet, else the key set. */
    void requestFailed() {
        if (discovered) {
            keySetFailed();
        } else {
            discoveryFailed();
        }
    }

    /** True while the last attempt to reach the provider failed. */
    public boolean unreachable() {
        return unreachableSince >= 0;
    }

    /** What the readiness check shows: no URLs, no keys, only states and times. */
    public Map<String, Object> describe() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reachable", !unreachable());
        data.put("discovered", discovered);
        data.put("keySetKeys", publishedKeyIds.size());
        long fetched = keySetFetchedAt;
        data.put("keySetFetchedAt", fetched < 0 ? "never" : Instant.ofEpochMilli(fetched).toString());
        long since = unreachableSince;
        if (since >= 0) {
            data.put("unreachableSince", Instant.ofEpochMilli(since).toString());
        }
        return data;
    }

    private void markUnreachable(String what) {
        boolean first;
        synchronized (this) {
            first = unreachableSince < 0;
            if (first) {
                unreachableSince = clock.getAsLong();
            }
        }
        if (first) {
            LOG.warnf("identity provider unreachable: %s. Tokens that need it answer 503 %s; "
                    + "anonymous calls and keys already fetched keep working; retrying with backoff", what,
                    ErrorCode.IDP_UNAVAILABLE);
        }
    }

    private void markReachable() {
        long since;
        synchronized (this) {
            since = unreachableSince;
            unreachableSince = -1;
        }
        if (since >= 0) {
            LOG.infof("identity provider reachable again after %d s", (clock.getAsLong() - since) / 1000);
        }
    }
}
