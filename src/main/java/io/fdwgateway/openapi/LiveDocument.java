package io.fdwgateway.openapi;

import io.fdwgateway.catalog.SchemaCache;
import io.fdwgateway.catalog.SchemaCache.CatalogReloaded;
import io.fdwgateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The catalog-derived document parts for the current schema cache: rebuilt after every
 * successful reload, off the event loop, so {@code /q/openapi} always describes what
 * {@code /rpc} serves. A document of an older load never replaces a newer one.
 */
@ApplicationScoped
public class LiveDocument {

    private static final Logger LOG = Logger.getLogger(LiveDocument.class);

    private final SchemaCache cache;
    private final CatalogDocument.Options options;
    private final AtomicReference<Built> current = new AtomicReference<>();

    public LiveDocument(SchemaCache cache, GatewayConfig config,
                        @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer) {
        this.cache = cache;
        this.options = new CatalogDocument.Options(
                issuer.map(url -> url.replaceAll("/+$", "") + "/.well-known/openid-configuration"),
                config.role().anonymous().isPresent());
    }

    void onReload(@ObservesAsync CatalogReloaded reloaded) {
        Built built = new Built(reloaded.generation(), build(reloaded));
        current.accumulateAndGet(built, (old, now) -> old == null || now.generation() > old.generation() ? now : old);
    }

    /** The document for the catalog now served. */
    public CatalogDocument current() {
        Built built = current.get();
        if (built == null) {
            // asked before the first reload event reached this bean: build from the cache as it is
            built = new Built(-1, CatalogDocument.build(cache.current(), options));
            current.compareAndSet(null, built);
        }
        return built.document();
    }

    private record Built(long generation, CatalogDocument document) {
    }

    private CatalogDocument build(CatalogReloaded reloaded) {
        CatalogDocument document = CatalogDocument.build(reloaded.catalog(), options);
        LOG.debugf("OpenAPI document rebuilt: %d paths", document.paths().getPathItems().size());
        return document;
    }
}
