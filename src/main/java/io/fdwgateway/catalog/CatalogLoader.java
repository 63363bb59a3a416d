package io.fdwgateway.catalog;

import io.fdwgateway.audit.PostureGate;
import io.fdwgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the exposed functions from Postgres' catalog, leaving out those the posture audit
 * blocks (see {@link PostureGate}): the audit runs first on every load, so a function that
 * became unsafe stops being served at the next reload.
 */
@ApplicationScoped
public class CatalogLoader {

    private static final String QUERY = resource("exposed-functions.sql");

    private final Pool pool;
    private final List<String> schemas;
    private final PostureGate posture;

    public CatalogLoader(Pool pool, GatewayConfig config, PostureGate posture) {
        this.pool = pool;
        this.schemas = List.copyOf(config.exposedSchemas());
        this.posture = posture;
    }

    public Future<Catalog> load() {
        return posture.check().compose(checked -> pool.preparedQuery(QUERY)
                .execute(Tuple.of(schemas.toArray(new String[0])))
                .map(rows -> {
                    List<Routine> routines = new ArrayList<>();
                    for (Row row : rows) {
                        RoutineReader.read(new JsonObject(row.getString(0)))
                                .filter(r -> checked.serves(r.oid(), r.signature()))
                                .ifPresent(routines::add);
                    }
                    return Catalog.of(routines);
                }));
    }

    static String resource(String name) {
        try (InputStream in = CatalogLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
