package io.fdwgateway.startup;

import io.fdwgateway.audit.Auditor;
import io.fdwgateway.audit.Finding;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The login role must not be able to bypass what the gateway enforces: no superuser, no
 * BYPASSRLS (the audit's role rules decide that, for the login role alone), and a member of
 * every role the gateway may switch to (else set_config('role') fails on the first call
 * instead of at start).
 */
final class LoginRoleCheck {

    /** Role rules that make the login role unfit to serve, not merely worth reporting. */
    private static final Set<String> REFUSING = Set.of("role-superuser", "role-bypassrls");

    private static final String MEMBERSHIPS = """
            select r.rolname::text,
                   array(select a from unnest($1::text[]) as a
                         where not exists (select from pg_catalog.pg_roles x where x.rolname = a)) as absent,
                   array(select a from unnest($1::text[]) as a
                         where exists (select from pg_catalog.pg_roles x where x.rolname = a)
                           and not pg_catalog.pg_has_role(r.oid, (select x.oid from pg_catalog.pg_roles x where x.rolname = a), 'MEMBER')) as not_member
            from pg_catalog.pg_roles r
            where r.rolname = current_user
            """;

    private LoginRoleCheck() {
    }

    /** Completes with the problems found; empty when the login role is fit to serve. */
    static Future<List<String>> problems(SqlClient client, List<String> allowedRoles) {
        Future<List<Finding>> attributes = Auditor.loginRole(client);
        Future<List<String>> memberships = client.preparedQuery(MEMBERSHIPS)
                .execute(Tuple.of(allowedRoles.toArray(new String[0])))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    String login = row.getString(0);
                    List<String> problems = new ArrayList<>();
                    for (String absent : row.getArrayOfStrings(1)) {
                        problems.add("role '" + absent + "' in gateway.role.allowed does not exist");
                    }
                    for (String missing : row.getArrayOfStrings(2)) {
                        problems.add("login role '" + login + "' is not a member of '" + missing
                                + "' (grant " + missing + " to " + login + ")");
                    }
                    return problems;
                });
        return Future.all(attributes, memberships).map(both -> {
            List<String> problems = new ArrayList<>();
            for (Finding f : attributes.result()) {
                if (REFUSING.contains(f.ruleId())) {
                    problems.add(f.object() + ": " + f.why() + " Fix: " + f.fix());
                }
            }
            problems.addAll(memberships.result());
            return problems;
        });
    }
}
