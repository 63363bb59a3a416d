package io.fdwgateway.openapi;

import io.fdwgateway.catalog.SchemaCache;
import io.fdwgateway.catalog.SchemaCache.CatalogReloaded;
import io.fdwgateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The catalog-derived document parts for the current schema cache: rebuilt after every
 * successful reload, so {@code /q/openapi} always describes what {@code /rpc} serves.
 */
@ApplicationScoped
public class LiveDocument {

    private static final Logger LOG = Logger.getLogger(LiveDocument.class);

    private final SchemaCache cache;
    private final CatalogDocument.Options options;
    private final AtomicReference<CatalogDocument> current = new AtomicReference<>();

    public LiveDocument(SchemaCache cache, GatewayConfig config,
                        @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer) {
        this.cache = cache;
        this.options = new CatalogDocument.Options(
                issuer.map(url -> url.replaceAll("/+$", "") + "/.well-known/openid-configuration"),
                config.role().anonymous().isPresent());
    }

    void onReload(@Observes CatalogReloaded reloaded) {
        current.set(build(reloaded));
    }

    /** The document for the catalog now served. */
    public CatalogDocument current() {
        CatalogDocument document = current.get();
        if (document == null) {
            // asked before the first reload event reached this bean: build from the cache as it is
            document = CatalogDocument.build(cache.current(), options);
            current.compareAndSet(null, document);
        }
        return document;
    }

    private CatalogDocument build(CatalogReloaded reloaded) {
        CatalogDocument document = CatalogDocument.build(reloaded.catalog(), options);
        LOG.debugf("OpenAPI document rebuilt: %d paths", document.paths().getPathItems().size());
        return document;
    }
}
