package io.fdwgateway.audit;

import io.fdwgateway.catalog.Directives;
import io.fdwgateway.catalog.Directives.Directive;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Checks the {@code @} lines of exposed functions' comments with the catalog's own parser
 * ({@link Directives}): a directive no feature reads, and a {@code @foreign-server} naming a
 * server the database does not have, are warnings. Neither withholds the function: a comment
 * is documentation first, and serving must not hang on a typo in it.
 */
final class DirectiveAudit {

    static final String UNKNOWN = "directive-unknown";
    static final String UNKNOWN_SERVER = "foreign-server-directive-unknown-server";
    static final String BIND_INVALID = "bind-directive-invalid";

    private DirectiveAudit() {
    }

    static Future<List<Finding>> run(SqlClient client, String query, Tuple params) {
        return client.preparedQuery(query).execute(params).map(rows -> {
            List<Finding> findings = new ArrayList<>();
            for (Row row : rows) {
                findings.addAll(check(row.getLong("function_oid"), row.getString("object"),
                        Directives.parse(row.getString("comment")), Set.copyOf(Arrays.asList(row.getArrayOfStrings("servers"))),
                        Set.copyOf(Arrays.asList(row.getArrayOfStrings("arguments")))));
            }
            return findings;
        });
    }

    static List<Finding> check(long oid, String object, Directives directives, Set<String> servers) {
        return check(oid, object, directives, servers, null);
    }

    /** @param arguments the function's input argument names; null to skip the @bind checks */
    static List<Finding> check(long oid, String object, Directives directives, Set<String> servers, Set<String> arguments) {
        List<Finding> findings = new ArrayList<>();
        if (arguments != null) {
            for (Directive d : directives.malformedBinds()) {
                if (!d.argument().isEmpty()) {
                    findings.add(finding(BIND_INVALID, oid, object + " @bind " + d.argument(),
                            "-- write the line as @bind <argument> = claims.<claim or dotted path>, e.g. @bind customer = claims.sub"));
                }
            }
            Set<String> seen = new java.util.HashSet<>();
            for (Directives.Bind bind : directives.binds()) {
                if (!arguments.contains(bind.argument()) || !seen.add(bind.argument())) {
                    findings.add(finding(BIND_INVALID, oid, object + " @bind " + bind.argument(),
                            "-- name one of the function's arguments, once: " + String.join(", ", arguments.stream().sorted().toList())));
                }
            }
        }
        for (Directive d : directives.unknown()) {
            findings.add(finding(UNKNOWN, oid, object + " @" + d.name(),
                    "-- correct or remove the line @" + d.name() + " of the function's comment (known: @"
                            + String.join(", @", Directives.KNOWN.stream().sorted().toList()) + ")"));
        }
        for (Directive d : directives.incomplete()) {
            findings.add(finding(UNKNOWN, oid, object + " @" + d.name(),
                    "-- give the line @" + d.name() + " of the function's comment its argument"));
        }
        for (String server : directives.foreignServers()) {
            if (!servers.contains(server)) {
                findings.add(finding(UNKNOWN_SERVER, oid, object + " @foreign-server " + server,
                        "-- name an existing foreign server in the function's comment, or create that server"));
            }
        }
        return findings;
    }

    private static Finding finding(String ruleId, long oid, String object, String fix) {
        Rule rule = Rule.byId(ruleId);
        return new Finding(rule.severity(), rule.id(), object, rule.why(), fix, OptionalLong.of(oid), rule.blocking());
    }
}
