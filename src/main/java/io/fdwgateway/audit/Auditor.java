package io.fdwgateway.audit;

import io.fdwgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs the posture rules against the database the gateway is configured for, as the login
 * role: everything they read (pg_catalog, the has_*_privilege functions, pg_user_mappings)
 * is readable without privileges, so the audit needs none of its own.
 */
@ApplicationScoped
public class Auditor {

    /** Rule files; each takes $1 = exposed schemas, $2 = API roles and answers (rule_id, object, function_oid, fix). */
    private static final List<String> QUERIES = List.of(
            resource("foreign-table-in-exposed-schema.sql"),
            resource("view-over-foreign-table.sql"),
            resource("foreign-privileges.sql"),
            resource("functions.sql"),
            resource("roles.sql"));

    private final Pool pool;
    private final Scope scope;

    public Auditor(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.scope = new Scope(config.exposedSchemas(), config.role().allowed());
    }

    /** Audits the configured database; findings are ordered by severity, then rule. */
    public Future<List<Finding>> run() {
        return run(pool, scope);
    }

    /** Audits the database behind {@code client} for this scope. */
    public static Future<List<Finding>> run(SqlClient client, Scope scope) {
        Tuple params = Tuple.tuple()
                .addArrayOfString(scope.exposedSchemas().toArray(new String[0]))
                .addArrayOfString(scope.apiRoles().toArray(new String[0]));
        List<Future<RowSet<Row>>> runs = QUERIES.stream()
                .map(sql -> client.preparedQuery(sql).execute(params))
                .toList();
        return Future.all(runs).map(done -> {
            List<Finding> findings = new ArrayList<>();
            for (Future<RowSet<Row>> run : runs) {
                run.result().forEach(row -> findings.add(toFinding(row)));
            }
            findings.sort(Comparator.comparingInt((Finding f) -> Rule.byId(f.ruleId()).rank())
                    .thenComparing(Finding::object));
            return List.copyOf(findings);
        });
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
     */
    public record Scope(List<String> exposedSchemas, List<String> apiRoles) {
        public Scope {
            exposedSchemas = List.copyOf(exposedSchemas);
            apiRoles = List.copyOf(apiRoles);
        }
    }
}
