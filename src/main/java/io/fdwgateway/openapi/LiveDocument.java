package io.fdwgateway.openapi;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the OpenAPI document of a catalog describes, and its catalog-derived parts. Holds no
 * document: {@link ServedDocuments} asks for one when a request needs it and keeps only its
 * bytes.
 */
@ApplicationScoped
public class LiveDocument {

    /** Which of these functions the role may call; the login role may ask this about any role. */
    private static final String EXECUTABLE =
            "select f from unnest($1::bigint[]) f where has_function_privilege($2::name, f::oid, 'EXECUTE')";

    private final CatalogDocument.Options options;
    private final Pool pool;

    public LiveDocument(GatewayConfig config, Pool pool,
                        @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer) {
        this.pool = pool;
        this.options = new CatalogDocument.Options(
                issuer.map(url -> url.replaceAll("/+$", "") + "/.well-known/openid-configuration"),
                config.role().anonymous().isPresent(),
                config.rateLimit().perCaller().requests().isPresent(),
                config.rateLimit().function().keySet(),
                config.exposedSchemas());
    }

    /** A document that describes no function. */
    public CatalogDocument empty() {
        return build(Catalog.empty());
    }

    /** The document parts that describe every function of {@code catalog}. */
    public CatalogDocument build(Catalog catalog) {
        return CatalogDocument.build(catalog, options);
    }

    /** One schema profile of {@code served} (every function of that schema), or all of it without one. */
    public static Catalog inProfile(Catalog served, Optional<String> profile) {
        return profile.map(served::inSchema).orElse(served);
    }

    /**
     * What {@code role} may EXECUTE in one schema profile of {@code served} (or, without one, in
     * what an unprofiled request reaches), asked of Postgres ({@code has_function_privilege}).
     */
    public Future<Catalog> executableBy(Catalog served, String role, Optional<String> profile) {
        Catalog catalog = inProfile(served, profile);
        Long[] oids = catalog.routines().stream().map(Routine::oid).toArray(Long[]::new);
        return pool.preparedQuery(EXECUTABLE).execute(Tuple.of(oids, role)).map(rows -> {
            Set<Long> executable = new HashSet<>();
            rows.forEach(row -> executable.add(row.getLong(0)));
            return catalog.only(r -> executable.contains(r.oid()));
        });
    }
}
