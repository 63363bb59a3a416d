package io.fdwgateway.openapi;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.SchemaCache;
import io.fdwgateway.catalog.SchemaCache.CatalogReloaded;
import io.fdwgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Which of these functions the role may call; the login role may ask this about any role. */
    private static final String EXECUTABLE =
            "select f from unnest($1::bigint[]) f where has_function_privilege($2::name, f::oid, 'EXECUTE')";

    private final SchemaCache cache;
    private final CatalogDocument.Options options;
    private final AtomicReference<Built> current = new AtomicReference<>();
    private final AtomicReference<ByRole> byRole = new AtomicReference<>();
    private final AtomicReference<Profiled> byProfile = new AtomicReference<>();
    private final Pool pool;

    public LiveDocument(SchemaCache cache, GatewayConfig config, Pool pool,
                        @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer) {
        this.cache = cache;
        this.pool = pool;
        this.options = new CatalogDocument.Options(
                issuer.map(url -> url.replaceAll("/+$", "") + "/.well-known/openid-configuration"),
                config.role().anonymous().isPresent(),
                config.rateLimit().perCaller().requests().isPresent(),
                config.rateLimit().function().keySet(),
                config.exposedSchemas());
    }

    void onReload(@ObservesAsync CatalogReloaded reloaded) {
        Built built = new Built(reloaded.generation(), build(reloaded));
        current.accumulateAndGet(built, (old, now) -> old == null || now.generation() > old.generation() ? now : old);
    }

    /** A document that describes no function. */
    public CatalogDocument empty() {
        return CatalogDocument.build(Catalog.empty(), options);
    }

    /** The document of one schema profile of the catalog now served (every function of that schema). */
    public CatalogDocument forProfile(String schema) {
        Catalog served = cache.current();
        Profiled cached = byProfile.get();
        if (cached == null || cached.catalog() != served) {
            byProfile.compareAndSet(cached, new Profiled(served, new ConcurrentHashMap<>()));
            cached = byProfile.get();
        }
        return cached.documents().computeIfAbsent(schema, s -> CatalogDocument.build(served.inSchema(s), options));
    }

    private record Profiled(Catalog catalog, ConcurrentHashMap<String, CatalogDocument> documents) {
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

    /**
     * The document of what {@code role} may EXECUTE in the catalog now served: asked of Postgres
     * ({@code has_function_privilege}) once per role and catalog, then kept until the next load.
     */
    public Future<CatalogDocument> forRole(String role) {
        return forRole(role, Optional.empty());
    }

    /**
     * The document of what {@code role} may EXECUTE in one schema profile (or, without one, of what
     * an unprofiled request reaches).
     */
    public Future<CatalogDocument> forRole(String role, Optional<String> profile) {
        Catalog served = cache.current();
        Catalog catalog = profile.map(served::inSchema).orElse(served);
        String key = profile.map(schema -> role + "\u0000" + schema).orElse(role);
        ByRole cached = byRole.get();
        if (cached == null || cached.catalog() != served) {
            ByRole fresh = new ByRole(served, new ConcurrentHashMap<>());
            byRole.compareAndSet(cached, fresh);
            cached = byRole.get();
        }
        if (cached.catalog() != served) {
            return build(catalog, role);
        }
        Future<CatalogDocument> document = cached.documents().computeIfAbsent(key, k -> build(catalog, role));
        if (document.failed()) {
            // a database hiccup is not remembered: the next request asks again
            cached.documents().remove(key, document);
        }
        return document;
    }

    private Future<CatalogDocument> build(Catalog catalog, String role) {
        Long[] oids = catalog.routines().stream().map(Routine::oid).toArray(Long[]::new);
        return pool.preparedQuery(EXECUTABLE).execute(Tuple.of(oids, role)).map(rows -> {
            Set<Long> executable = new HashSet<>();
            rows.forEach(row -> executable.add(row.getLong(0)));
            return CatalogDocument.build(catalog.only(r -> executable.contains(r.oid())), options);
        });
    }

    private record ByRole(Catalog catalog, ConcurrentHashMap<String, Future<CatalogDocument>> documents) {
    }

    private record Built(long generation, CatalogDocument document) {
    }

    private CatalogDocument build(CatalogReloaded reloaded) {
        CatalogDocument document = CatalogDocument.build(reloaded.catalog(), options);
        LOG.debugf("OpenAPI document rebuilt: %d paths", document.paths().getPathItems().size());
        return document;
    }
}
