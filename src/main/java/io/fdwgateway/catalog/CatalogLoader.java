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
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Reads the exposed functions from Postgres' catalog, leaving out those the posture audit
 * blocks (see {@link PostureGate}). Each load opens two connections of its own, not ones of the
 * request pool (calls holding every pooled connection must not keep the posture gate from
 * running): the audit runs on one, the catalog read on the other, side by side, both in one
 * snapshot (exported by the audit's transaction, imported by the read's), so a function created
 * or changed meanwhile is seen by neither and cannot be served unaudited. The catalog is built
 * only once both have finished, and only from what that audit let through.
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
        Future<PgConnection> audit = PgConnection.connect(vertx, database.options("fdw-gateway audit", timeout));
        Future<PgConnection> read = PgConnection.connect(vertx, database.options("fdw-gateway catalog", timeout));
        // join, not all: both attempts finish before anything is closed
        return Future.join(audit, read)
                .compose(both -> loadOn(audit.result(), read.result(), Future::succeededFuture))
                .eventually(() -> Future.join(close(audit), close(read)));
    }

    /**
     * The audit on {@code auditConn} and the catalog read on {@code readConn}, concurrently, in the
     * snapshot the audit's transaction exports; {@code afterExport} runs between the export and
     * the import (tests commit DDL there). The audit's transaction stays open until the read's
     * has imported its snapshot. On failure the caller closes both connections.
     */
    Future<Catalog> loadOn(SqlConnection auditConn, SqlConnection readConn, Supplier<Future<?>> afterExport) {
        Future<String> exported = Snapshot.export(auditConn, timeout);
        Future<Void> imported = exported.compose(id -> afterExport.get())
                .compose(ignored -> Snapshot.importInto(readConn, exported.result(), timeout));
        Future<Read> read = imported.compose(started -> read(readConn))
                .compose(rows -> Snapshot.commit(readConn).map(rows));
        Future<Posture> audited = exported.compose(id -> posture.check(auditConn))
                // the snapshot can be imported only while the exporting transaction is open
                .compose(checked -> imported.transform(ignored -> Future.succeededFuture(checked)))
                .compose(checked -> Snapshot.commit(auditConn).map(checked));
        // nothing is built, so nothing is served, before the audit of this very snapshot passed
        return Future.all(audited, read).map(done -> build(read.result(), audited.result()));
    }

    private static Future<Void> close(Future<PgConnection> conn) {
        return conn.succeeded() ? conn.result().close() : Future.succeededFuture();
    }

    /** What the catalog read found, decoded; {@link #build} filters it through the audit. */
    private record Read(List<Catalog.Name> names, List<Routine> candidates, List<UserType> types,
                        StatementTimeouts timeouts) {
    }

    private Future<Read> read(SqlConnection conn) {
        Future<RowSet<Row>> routines = conn.preparedQuery(QUERY).execute(Tuple.of(schemas.toArray(new String[0])));
        Future<RowSet<Row>> types = conn.query(TYPES_QUERY).execute();
        Future<RowSet<Row>> foreignRows = conn.query(FOREIGN_QUERY).execute();
        Future<RowSet<Row>> roleSettings = conn.query(ROLE_SETTINGS_QUERY).execute();
        return Future.all(List.of(routines, types, foreignRows, roleSettings)).map(all -> {
            ForeignTables foreign = readForeign(foreignRows.result());
            List<Catalog.Name> names = new ArrayList<>();
            List<Routine> candidates = new ArrayList<>();
            for (Row row : routines.result()) {
                names.add(new Catalog.Name(row.getString("schema_name"), row.getString("name")));
                String doc = row.getString("doc");
                if (row.getBoolean("servable") && doc != null) {
                    RoutineReader.read(new JsonObject(doc), foreign).ifPresent(candidates::add);
                }
            }
            return new Read(names, candidates, readTypes(types.result()), readRoleTimeouts(roleSettings.result()));
        });
    }

    private static Catalog build(Read read, Posture checked) {
        List<Routine> servable = new ArrayList<>();
        int withheld = 0;
        for (Routine routine : read.candidates()) {
            if (checked.serves(routine.oid(), routine.signature())) {
                servable.add(routine);
            } else {
                withheld++;
            }
        }
        Catalog catalog = Catalog.of(read.names(), servable, read.types()).withWithheld(withheld)
                .withTimeouts(read.timeouts());
        logShadowed(servable, catalog);
        return catalog;
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
