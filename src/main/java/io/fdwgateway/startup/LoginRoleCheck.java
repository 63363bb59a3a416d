package io.fdwgateway.startup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The login role must not be able to bypass what the gateway enforces: no superuser, no
 * BYPASSRLS, and a member of every role the gateway may switch to (else set_config('role')
 * fails on the first call instead of at start).
 */
final class LoginRoleCheck {

    private static final String QUERY = """
            select r.rolname::text, r.rolsuper, r.rolbypassrls,
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
    static Future<List<String>> problems(Pool pool, List<String> allowedRoles) {
        return pool.preparedQuery(QUERY).execute(Tuple.of(allowedRoles.toArray(new String[0]))).map(rows -> {
            Row row = rows.iterator().next();
            String login = row.getString(0);
            List<String> problems = new ArrayList<>();
            if (row.getBoolean(1)) {
                problems.add("login role '" + login + "' is a superuser: it would bypass every privilege check");
            }
            if (row.getBoolean(2)) {
                problems.add("login role '" + login + "' has BYPASSRLS: it would bypass row level security");
            }
            for (String absent : row.getArrayOfStrings(3)) {
                problems.add("role '" + absent + "' in gateway.role.allowed does not exist");
            }
            for (String missing : row.getArrayOfStrings(4)) {
                problems.add("login role '" + login + "' is not a member of '" + missing
                        + "' (grant " + missing + " to " + login + ")");
            }
            return problems;
        });
    }
}
