package io.fdwgateway.audit;

import io.fdwgateway.catalog.CatalogLoader;
import io.fdwgateway.catalog.ForeignReach;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.config.DatabaseConnectOptions;
import io.fdwgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Exposure} graph of the configured database: the functions the gateway would
 * serve (the catalog load, posture gate included), the foreign servers each reaches (its
 * {@link ForeignReach}), and the API roles that may execute each.
 */
@ApplicationScoped
public class ExposureReader {

    private static final String EXECUTORS = resource();

    private final CatalogLoader catalog;
    private final Vertx vertx;
    private final DatabaseConnectOptions database;
    private final List<String> apiRoles;
    private final Duration timeout;

    public ExposureReader(CatalogLoader catalog, Vertx vertx, DatabaseConnectOptions database, GatewayConfig config) {
        this.catalog = catalog;
        this.vertx = vertx;
        this.database = database;
        this.apiRoles = List.copyOf(config.role().allowed());
        this.timeout = config.catalog().loadTimeout();
    }

    public Future<Exposure> read() {
        return catalog.load().compose(loaded -> {
            List<Routine> reaching = loaded.routines().stream()
                    .filter(r -> !r.reach().uses().isEmpty() || r.reach().untaggedDynamicSql())
                    .toList();
            if (reaching.isEmpty()) {
                return Future.succeededFuture(new Exposure(List.of()));
            }
            Long[] oids = reaching.stream().map(Routine::oid).toArray(Long[]::new);
            return PgConnection.connect(vertx, database.options("fdw-gateway audit", timeout))
                    .compose(conn -> conn.preparedQuery(EXECUTORS)
                            .execute(Tuple.tuple().addArrayOfLong(oids).addArrayOfString(apiRoles.toArray(new String[0])))
                            .eventually(() -> conn.close()))
                    .map(rows -> {
                        Map<Long, List<String>> roles = new HashMap<>();
                        for (Row row : rows) {
                            roles.computeIfAbsent(row.getLong("oid"), k -> new ArrayList<>()).add(row.getString("role"));
                        }
                        return graph(reaching, roles);
                    });
        });
    }

    /** The paths of {@code routines}, given who may execute each (by oid). */
    static Exposure graph(List<Routine> routines, Map<Long, List<String>> executors) {
        List<Exposure.Path> paths = new ArrayList<>();
        for (Routine r : routines) {
            for (String role : executors.getOrDefault(r.oid(), List.of())) {
                for (ForeignReach.ForeignUse use : r.reach().uses()) {
                    paths.add(new Exposure.Path(role, r.signature(), use.table(), use.server()));
                }
                if (r.reach().untaggedDynamicSql()) {
                    paths.add(new Exposure.Path(role, r.signature(), null, Exposure.UNKNOWN_SERVER));
                }
            }
        }
        return new Exposure(paths);
    }

    private static String resource() {
        try (InputStream in = ExposureReader.class.getResourceAsStream("exposure-executors.sql")) {
            if (in == null) {
                throw new IllegalStateException("missing resource exposure-executors.sql");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
