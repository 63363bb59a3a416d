package io.fdwgateway.audit;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A posture rule. The checks themselves are SQL over pg_catalog (the rule files under
 * {@code rules/}); each row they answer names its rule id, and this class gives every id its
 * severity, whether it blocks serving, and why it matters.
 *
 * @param blocking an exposed function with a finding of this rule is never served
 */
public record Rule(String id, Severity severity, boolean blocking, String why) {

    /** Every rule, in the order findings of equal severity are reported. */
    public static final List<Rule> ALL = List.of(
            new Rule("foreign-table-in-exposed-schema", Severity.ERROR, false,
                    "Foreign tables read with the foreign server's credentials and have no row level security; in an"
                            + " exposed schema they sit next to the API instead of behind definer functions."),
            new Rule("view-over-foreign-table", Severity.ERROR, false,
                    "A view (not security_invoker) or materialized view reads the foreign table with its owner's"
                            + " privileges and the owner's user mapping, around every rule a definer function applies;"
                            + " in an exposed schema it is an open door to the data."),
            new Rule("private-view-over-foreign-table", Severity.ERROR, false,
                    "A view (not security_invoker) or materialized view outside the exposed schemas reads the foreign"
                            + " table with its owner's privileges and user mapping, and an API role or PUBLIC may select"
                            + " from it (USAGE on its schema and SELECT): anything connecting as that role reaches the"
                            + " foreign server with the owner's credentials, whatever schema the view is in."),
            new Rule("foreign-table-privilege", Severity.ERROR, false,
                    "An API role or PUBLIC may read or change a foreign table directly, bypassing the definer"
                            + " functions and their filters."),
            new Rule("foreign-schema-privilege", Severity.ERROR, false,
                    "An API role or PUBLIC has privileges on a schema that holds foreign tables; the schema should"
                            + " be reachable by the definer functions' owner only."),
            new Rule("foreign-server-privilege", Severity.ERROR, false,
                    "USAGE on a foreign server or wrapper lets a role create foreign tables of its own against the"
                            + " server's credentials."),
            new Rule("user-mapping-for-api-role", Severity.ERROR, false,
                    "A user mapping for PUBLIC or an API role hands the foreign server's credentials to that role."),
            new Rule("definer-search-path-unpinned", Severity.ERROR, true,
                    "A SECURITY DEFINER function without its own search_path resolves names through the caller's"
                            + " search_path: a caller can make it run their objects with the owner's privileges."),
            new Rule("definer-search-path-writable", Severity.ERROR, true,
                    "The function's search_path lists a schema that API roles or PUBLIC can create objects in (or"
                            + " pg_temp before the end): they can shadow the names it uses and run code as its owner."),
            new Rule("definer-search-path-pg-temp-not-last", Severity.ERROR, true,
                    "The function's search_path does not end with pg_temp, so Postgres searches the caller's"
                            + " temporary schema before the listed ones (first of all when pg_temp is not listed):"
                            + " a caller's temporary table or view can shadow a name the function uses. The path must"
                            + " be empty or end with pg_temp."),
            new Rule("definer-owned-by-superuser", Severity.ERROR, true,
                    "A SECURITY DEFINER function owned by a superuser runs as a superuser: any flaw in it gives"
                            + " away the whole cluster."),
            new Rule("definer-owned-by-privileged-role", Severity.ERROR, true,
                    "A SECURITY DEFINER function runs with its owner's powers: BYPASSRLS ignores row level"
                            + " security, CREATEROLE can hand out roles, and members of pg_execute_server_program,"
                            + " pg_read_server_files, pg_write_server_files, pg_read_all_data or pg_write_all_data reach"
                            + " the server's programs and files or every table. Any flaw in the function gives them away."),
            new Rule("role-superuser", Severity.ERROR, false,
                    "A superuser login or API role bypasses every privilege check the database makes."),
            new Rule("role-bypassrls", Severity.ERROR, false,
                    "A BYPASSRLS login or API role ignores row level security policies."),
            new Rule("role-createrole", Severity.ERROR, false,
                    "A CREATEROLE login or API role can create roles and grant itself other roles' privileges."),
            new Rule("foreign-server-no-connect-timeout", Severity.WARNING, false,
                    "Without a positive connect_timeout, postgres_fdw waits for the foreign server's connection"
                            + " without a limit and cannot be interrupted: a server that accepts TCP and never answers"
                            + " holds the call and its pool connection past gateway.statement-timeout."),
            new Rule("invoker-view-over-foreign-table", Severity.WARNING, false,
                    "A security_invoker view reads the foreign table with the privileges and user mapping of the role"
                            + " that queries it, not its owner's: it stays closed only as long as no API role or PUBLIC"
                            + " may read the foreign table or has a user mapping on its server. In an exposed schema it"
                            + " is one grant away from an open door; keep it with the foreign tables."),
            new Rule("like-pattern-from-argument", Severity.WARNING, false,
                    "A LIKE or ILIKE pattern concatenates an argument without escaping % and _: a caller who sends"
                            + " '%' (or '_') matches every row, so the prefix or filter is no boundary."),
            new Rule("dynamic-sql-from-argument", Severity.WARNING, false,
                    "EXECUTE runs a statement built from an argument without format('%I'/'%L') or quote_*: a caller"
                            + " can inject SQL that runs with the function owner's privileges."),
            new Rule("cache-vary-reads-other-claims", Severity.ERROR, false,
                    "The function's @cache line keys answers on the claims of its vary list only, but the body reads"
                            + " another claim (request.jwt.claims, auth.uid(), auth.jwt()): one caller could get an answer"
                            + " made for another. The gateway does not cache it."),
            new Rule("bind-directive-invalid", Severity.ERROR, true,
                    "A @bind line of the function's comment is malformed, names no argument of the function, or"
                            + " binds one twice: the author meant an argument to come from the token, and serving the"
                            + " function without that would let callers choose it."),
            new Rule("unbound-id-argument", Severity.WARNING, false,
                    "An exposed definer function that an API role other than service_role may call takes an id-like"
                            + " argument (*_id, customer, user, tenant, owner, account) that no @bind line fills from the"
                            + " token and whose body never reads the caller's claims: a caller can pass somebody else's"
                            + " id (the classic IDOR of definer functions)."),
            new Rule("cache-on-volatile", Severity.WARNING, false,
                    "A VOLATILE function has a @cache line: its answers may change its data or differ per call, so the"
                            + " gateway never caches them. Declare it STABLE if it only reads, or drop the line."),
            new Rule("cache-directive-invalid", Severity.WARNING, false,
                    "A @cache line is not of the form @cache <n>ms|s|m|h [vary <claim>,…] with a positive duration,"
                            + " or there are several: the gateway does not cache the function."),
            new Rule("directive-unknown", Severity.WARNING, false,
                    "A line of the function's comment starts with @, so it is a directive and not part of the"
                            + " description, but no feature of the gateway reads a directive of that name (or it lacks"
                            + " its argument): whatever it was meant to do is not done."),
            new Rule("foreign-server-directive-unknown-server", Severity.WARNING, false,
                    "@foreign-server names a server the database does not have: the gateway cannot apply that"
                            + " server's budget and breaker to this function's calls. The function is still served."),
            new Rule("definer-executable-by-public", Severity.WARNING, false,
                    "EXECUTE is granted to PUBLIC (Postgres' default for new functions): every role, anon included,"
                            + " may call it. Grant EXECUTE to exactly the roles that may."),
            new Rule("private-definer-executable", Severity.WARNING, false,
                    "A SECURITY DEFINER function outside the exposed schemas is executable by an API role or"
                            + " PUBLIC, which also has USAGE on its schema: the gateway does not serve it, but anything"
                            + " else connecting as that role can call it."),
            new Rule("definer-without-claims-check", Severity.INFO, false,
                    "A definer function that callers without a token (the anonymous role) may execute reads a foreign"
                            + " table and never looks at the caller's claims (request.jwt.claims, auth.uid(), auth.jwt()):"
                            + " whatever it returns, it returns to anyone. Intended for public data; otherwise filter on"
                            + " the caller or revoke it from the anonymous role."),
            new Rule("served-function-executors", Severity.INFO, false,
                    "The API roles that can call this served function, and through which grant: to the role"
                            + " (direct), to PUBLIC, or to a role it inherits from (member of). Defaults grant more than"
                            + " is visible: Postgres grants EXECUTE on new functions to PUBLIC, and Supabase's default"
                            + " privileges grant it on new functions in public to anon and authenticated."),
            new Rule("invoker-function-exposed", Severity.INFO, false,
                    "A SECURITY INVOKER function in an exposed schema is not served by the gateway, which serves"
                            + " SECURITY DEFINER functions only."));

    private static final Map<String, Rule> BY_ID = ALL.stream().collect(Collectors.toMap(Rule::id, Function.identity()));
    /** Each rule's place in {@link #ALL}, looked up once: sorting thousands of findings asks for it every comparison. */
    private static final Map<String, Integer> POSITION = IntStream.range(0, ALL.size()).boxed()
            .collect(Collectors.toMap(i -> ALL.get(i).id(), Function.identity()));

    /** Rank for ordering findings: severity first, then the order of {@link #ALL}. */
    int rank() {
        return severity.ordinal() * ALL.size() + POSITION.get(id);
    }

    static Rule byId(String id) {
        Rule rule = BY_ID.get(id);
        if (rule == null) {
            throw new IllegalStateException("a rule file answered an unknown rule id: " + id);
        }
        return rule;
    }
}
