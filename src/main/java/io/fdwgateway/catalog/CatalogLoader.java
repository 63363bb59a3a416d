package io.fdwgateway.catalog;

import io.fdwgateway.audit.PostureGate;
import io.fdwgateway.audit.PostureGate.Posture;
import io.fdwgateway.audit.Snapshot;
import io.fdwgateway.config.DatabaseConnectOptions;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.logging.LogText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Reads the exposed functions from Postgres' catalog, leaving out those the posture audit
 * blocks (see {@link PostureGate}). Each load opens a connection of its own, not one of the
 * request pool (calls holding every pooled connection must not keep the posture gate from
 * running), and runs the audit and the catalog read in one snapshot: a function created or
 * changed between the two cannot be served unaudited.
 */
@ApplicationScoped
public class CatalogLoader {

    private static final Logger LOG = Logger.getLogger(CatalogLoader.class);
    private static final String QUERY = resource("exposed-functions.sql");
    private static final String TYPES_QUERY = resource("user-types.sql");
    private static final String FOREIGN_QUERY = resource("foreign-tables.sql");
    private static final String ROLE_SETTINGS_QUERY = resource("role-settings.sql");

    private final Vertx vertx;
    private final DatabaseConnectOptions database;
    private final List<String> schemas;
    private final PostureGate posture;
    private final Duration timeout;

    public CatalogLoader(Vertx vertx, DatabaseConnectOptions database, GatewayConfig config, PostureGate posture) {
        this.vertx = vertx;
        this.database = database;
        this.schemas = List.copyOf(config.exposedSchemas());
        this.posture = posture;
        this.timeout = config.catalog().loadTimeout();
    }

    public Future<Catalog> load() {
        return PgConnection.connect(vertx, database.options("fdw-gateway catalog", timeout))
                .compose(conn -> loadOn(conn, Future::succeededFuture).eventually(() -> conn.close()));
    }

    /**
     * The audit, then the catalog read, in one snapshot on {@code conn}; {@code afterAudit} runs
     * between the two (tests interleave DDL there).
     */
    Future<Catalog> loadOn(SqlConnection conn, Supplier<Future<?>> afterAudit) {
        return Snapshot.run(conn, timeout, () -> posture.check(conn)
                .compose(checked -> afterAudit.get().compose(ignored -> read(conn, checked))));
    }

    private Future<Catalog> read(SqlConnection conn, Posture checked) {
        Future<RowSet<Row>> routines = conn.preparedQuery(QUERY).execute(Tuple.of(schemas.toArray(new String[0])));
        Future<RowSet<Row>> types = conn.query(TYPES_QUERY).execute();
        Future<RowSet<Row>> foreignRows = conn.query(FOREIGN_QUERY).execute();
        Future<RowSet<Row>> roleSettings = conn.query(ROLE_SETTINGS_QUERY).execute();
        return Future.all(List.of(routines, types, foreignRows, roleSettings)).map(all -> {
            ForeignTables foreign = readForeign(foreignRows.result());
            List<Catalog.Name> names = new ArrayList<>();
            List<Routine> servable = new ArrayList<>();
            int withheld = 0;
            for (Row row : routines.result()) {
                names.add(new Catalog.Name(row.getString("schema_name"), row.getString("name")));
                String doc = row.getString("doc");
                if (row.getBoolean("servable") && doc != null) {
                    Optional<Routine> routine = RoutineReader.read(new JsonObject(doc), foreign);
                    if (routine.isPresent() && checked.serves(routine.get().oid(), routine.get().signature())) {
                        servable.add(routine.get());
                    } else if (routine.isPresent()) {
                        withheld++;
                    }
                }
            }
            Catalog catalog = Catalog.of(names, servable, readTypes(types.result())).withWithheld(withheld)
                    .withTimeouts(readRoleTimeouts(roleSettings.result()));
            logShadowed(servable, catalog);
            return catalog;
        });
    }

    /** Each role's own statement timeout; the rows for this database come last and win. */
    private static StatementTimeouts readRoleTimeouts(RowSet<Row> rows) {
        Map<String, Duration> byRole = new HashMap<>();
        for (Row row : rows) {
            String[] settings = row.getArrayOfStrings("settings");
            List<String> list = settings == null ? List.of() : List.of(settings);
            if (list.stream().anyMatch(s -> s.startsWith("statement_timeout="))) {
                // a setting of 0 for this database lifts the role-wide one: the gateway's own applies
                byRole.remove(row.getString("role_name"));
                StatementTimeouts.fromSettings(list).ifPresent(t -> byRole.put(row.getString("role_name"), t));
            }
        }
        return new StatementTimeouts(byRole);
    }

    private static ForeignTables readForeign(RowSet<Row> rows) {
        Set<String> servers = new HashSet<>();
        Map<String, String> tables = new HashMap<>();
        for (Row row : rows) {
            servers.add(row.getString("server"));
            if (row.getString("table_name") != null) {
                tables.put(row.getString("schema_name") + "." + row.getString("table_name"), row.getString("server"));
            }
        }
        return new ForeignTables(servers, tables);
    }

    private static List<UserType> readTypes(RowSet<Row> rows) {
        List<UserType> read = new ArrayList<>();
        for (Row row : rows) {
            JsonObject doc = new JsonObject(row.getString(0));
            read.add(new UserType(doc.getString("name"), UserType.kindOf(doc.getString("kind")),
                    doc.getString("baseType"), doc.getJsonArray("labels").stream().map(String::valueOf).toList()));
        }
        return read;
    }

    /** Says why a servable function is not served when an earlier schema owns its name. */
    private static void logShadowed(List<Routine> servable, Catalog catalog) {
        Set<Long> served = new HashSet<>();
        catalog.routines().forEach(r -> served.add(r.oid()));
        for (Routine r : servable) {
            if (!served.contains(r.oid())) {
                List<Routine> owner = catalog.lookup(r.name());
                LOG.infof("not serving %s: an earlier schema of gateway.exposed-schemas has a routine named %s%s",
                        LogText.escape(r.signature()), LogText.escape(r.name()),
                        owner.isEmpty() ? " that is not served, so that name answers 404" : "");
            }
        }
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
