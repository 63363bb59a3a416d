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
    private static final String TYPES_QUERY = resource("user-types.sql");

    private final Pool pool;
    private final List<String> schemas;
    private final PostureGate posture;

    public CatalogLoader(Pool pool, GatewayConfig config, PostureGate posture) {
        this.pool = pool;
        this.schemas = List.copyOf(config.exposedSchemas());
        this.posture = posture;
    }

    public Future<Catalog> load() {
        // The posture audit runs first: a function with a blocking finding is never served.
        Future<List<Routine>> routines = posture.check().compose(checked -> pool.preparedQuery(QUERY)
                .execute(Tuple.of(schemas.toArray(new String[0])))
                .map(rows -> {
                    List<Routine> read = new ArrayList<>();
                    for (Row row : rows) {
                        RoutineReader.read(new JsonObject(row.getString(0)))
                                .filter(r -> checked.serves(r.oid(), r.signature()))
                                .ifPresent(read::add);
                    }
                    return read;
                }));
        // A separate read, so not one snapshot with the functions: a type created in between
        // is only described generically until the NOTIFY that DDL sends reloads both again.
        Future<List<UserType>> types = pool.query(TYPES_QUERY).execute().map(rows -> {
            List<UserType> read = new ArrayList<>();
            for (Row row : rows) {
                JsonObject doc = new JsonObject(row.getString(0));
                read.add(new UserType(doc.getString("name"), UserType.kindOf(doc.getString("kind")),
                        doc.getString("baseType"), doc.getJsonArray("labels").stream().map(String::valueOf).toList()));
            }
            return read;
        });
        return Future.all(routines, types).map(both -> Catalog.of(routines.result(), types.result()));
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
