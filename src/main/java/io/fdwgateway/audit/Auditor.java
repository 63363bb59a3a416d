package io.fdwgateway.audit;

import io.fdwgateway.catalog.Directives;
import io.fdwgateway.catalog.Volatility;
import io.fdwgateway.config.DatabaseConnectOptions;
import io.fdwgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs the posture rules against the database the gateway is configured for, as the login
 * role: everything they read (pg_catalog, the has_*_privilege functions, pg_user_mappings)
 * is readable without privileges, so the audit needs none of its own. All rules read one
 * snapshot ({@link Snapshot}), so a report never mixes two states of the database.
 */
@ApplicationScoped
public class Auditor {

    /**
     * Rule files; each takes $1 = exposed schemas, $2 = API roles, $3 = ignored schemas and answers
     * (rule_id, object, function_oid, fix).
     */
    private static final String ROLES = resource("roles.sql");
    private static final String DIRECTIVES = resource("directives.sql");
    private static final List<String> QUERIES = List.of(
            resource("foreign-table-in-exposed-schema.sql"),
            resource("view-over-foreign-table.sql"),
            resource("foreign-privileges.sql"),
            resource("foreign-servers.sql"),
            resource("functions.sql"),
            ROLES);
    /** The exposed definer functions' bodies for {@link BodyLints}: $1 = exposed schemas, $2 = anonymous role. */
    private static final String BODIES = resource("function-bodies.sql");
    /** The API role the id-argument rule trusts to pass any id: Supabase's and the reference database's admin role. */
    static final String ADMIN_ROLE = "service_role";

    private final Vertx vertx;
    private final DatabaseConnectOptions database;
    private final Scope scope;
    private final Duration timeout;

    public Auditor(Vertx vertx, DatabaseConnectOptions database, GatewayConfig config) {
        this.vertx = vertx;
        this.database = database;
        this.scope = new Scope(config.exposedSchemas(), config.role().allowed(), config.audit().ignoreSchemas(),
                config.role().anonymous().orElse(Scope.ANONYMOUS));
        this.timeout = config.catalog().loadTimeout();
    }

    /** This gateway's scope: its exposed schemas and API roles. */
    public Scope scope() {
        return scope;
    }

    /**
     * Audits the configured database on a connection of its own, in one snapshot; findings are
     * ordered by severity, then rule.
     */
    public Future<List<Finding>> run() {
        return Future.<Void>succeededFuture()
                .compose(start -> PgConnection.connect(vertx, database.options("fdw-gateway audit", timeout)))
                .compose(conn -> Snapshot.run(conn, timeout, () -> run(conn, scope)).eventually(() -> conn.close()));
    }

    /** Audits the database behind {@code client} for this scope. */
    public static Future<List<Finding>> run(SqlClient client, Scope scope) {
        return run(client, scope, QUERIES, true);
    }

    /**
     * The role rules alone, for the login role alone ({@code session_user}): what start-up
     * refuses to serve with.
     */
    public static Future<List<Finding>> loginRole(SqlClient client) {
        return run(client, new Scope(List.of(), List.of()), List.of(ROLES), false);
    }

    private static Future<List<Finding>> run(SqlClient client, Scope scope, List<String> queries, boolean bodies) {
        String[] exposed = scope.exposedSchemas().toArray(new String[0]);
        Tuple params = Tuple.tuple()
                .addArrayOfString(exposed)
                .addArrayOfString(scope.apiRoles().toArray(new String[0]))
                .addArrayOfString(scope.ignoredSchemas().toArray(new String[0]));
        List<Future<RowSet<Row>>> runs = queries.stream()
                .map(sql -> client.preparedQuery(sql).execute(params))
                .toList();
        Future<List<Finding>> lints = bodies
                ? client.preparedQuery(BODIES).execute(Tuple.tuple().addArrayOfString(exposed).addString(scope.anonymousRole())
                        .addArrayOfString(scope.apiRoles().stream().filter(r -> !r.equals(ADMIN_ROLE)).toArray(String[]::new)))
                        .map(Auditor::lint)
                : Future.succeededFuture(List.of());
        Future<List<Finding>> directives = bodies
                ? DirectiveAudit.run(client, DIRECTIVES, params) : Future.succeededFuture(List.of());
        return Future.all(Future.all(runs), lints, directives).map(done -> {
            List<Finding> findings = new ArrayList<>(lints.result());
            findings.addAll(directives.result());
            for (Future<RowSet<Row>> run : runs) {
                run.result().forEach(row -> findings.add(toFinding(row)));
            }
            findings.sort(Comparator.comparingInt((Finding f) -> Rule.byId(f.ruleId()).rank())
                    .thenComparing(Finding::object));
            return List.copyOf(findings);
        });
    }

    private static List<Finding> lint(RowSet<Row> rows) {
        List<Finding> findings = new ArrayList<>();
        for (Row row : rows) {
            findings.addAll(CacheLints.check(row.getLong("oid"), row.getString("sig"), Directives.parse(row.getString("comment")),
                    Volatility.fromCatalog(row.getString("volatility")), row.getString("body")));
            findings.addAll(BodyLints.check(new BodyLints.Function(row.getLong("oid"), row.getString("sig"),
                    row.getString("language"), row.getString("body"), Arrays.asList(row.getArrayOfStrings("arguments")),
                    row.getBoolean("anonymous_can_execute"), Arrays.asList(row.getArrayOfStrings("foreign_tables")),
                    row.getBoolean("non_admin_can_execute"),
                    Directives.parse(row.getString("comment")).binds().stream().map(Directives.Bind::argument).toList())));
        }
        return findings;
    }

    private static Finding toFinding(Row row) {
        Rule rule = Rule.byId(row.getString("rule_id"));
        Long oid = row.getLong("function_oid");
        return new Finding(rule.severity(), rule.id(), row.getString("object"), rule.why(), row.getString("fix"),
                oid == null ? OptionalLong.empty() : OptionalLong.of(oid), rule.blocking());
    }

    private static String resource(String name) {
        try (InputStream in = Auditor.class.getResourceAsStream("rules/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource rules/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the audit looks at.
     *
     * @param exposedSchemas {@code gateway.exposed-schemas}
     * @param apiRoles       {@code gateway.role.allowed}: the roles the gateway switches to
     * @param ignoredSchemas {@code gateway.audit.ignore-schemas}: platform schemas the rules about
     *                       unexposed objects skip
     * @param anonymousRole  {@code gateway.role.anonymous}, else {@code anon}: whose reach the
     *                       anonymous-caller rules judge
     */
    public record Scope(List<String> exposedSchemas, List<String> apiRoles, List<String> ignoredSchemas,
                        String anonymousRole) {

        /** The anonymous role when {@code gateway.role.anonymous} is unset: Supabase's and PostgREST's. */
        public static final String ANONYMOUS = "anon";

        public Scope {
            exposedSchemas = List.copyOf(exposedSchemas);
            apiRoles = List.copyOf(apiRoles);
            ignoredSchemas = List.copyOf(ignoredSchemas);
        }

        /** No ignored schemas, {@code anon} as the anonymous role. */
        public Scope(List<String> exposedSchemas, List<String> apiRoles) {
            this(exposedSchemas, apiRoles, List.of(), ANONYMOUS);
        }
    }
}
