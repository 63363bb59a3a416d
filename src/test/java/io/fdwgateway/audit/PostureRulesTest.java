package io.fdwgateway.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fdwgateway.support.UnsafeDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each rule against the deliberately unsafe database, and the reference database against all of them. */
@QuarkusTest
class PostureRulesTest {

    @Inject
    Auditor auditor;
    @Inject
    Vertx vertx;

    @Test
    void referenceDatabaseHasNoErrorOrWarningFinding() throws Exception {
        List<Finding> findings = auditor.run().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<Finding> others = findings.stream().filter(f -> !f.ruleId().equals("served-function-executors")).toList();
        assertEquals(1, others.size(), () -> "findings: " + others);
        Finding f = others.get(0);
        assertEquals(Severity.INFO, f.severity());
        assertEquals("invoker-function-exposed", f.ruleId());
        assertEquals("function public.invoker_decoy()", f.object());
        assertFalse(f.blocking());
        assertThat(objects(findings, "served-function-executors"), hasItems(
                "function public.list_plans() (executable by anon [direct], authenticated [direct], service_role [direct])",
                "function public.get_stripe_products(name_prefix text) (executable by authenticated [direct], service_role [direct])",
                "function public.admin_stats() (executable by service_role [direct])"));
        assertThat(objects(findings, "served-function-executors"), not(hasItem(containsString("invoker_decoy"))));
    }

    @Test
    void everyRuleFiresOnTheUnsafeDatabase() throws Exception {
        List<Finding> findings = auditUnsafe();
        List<String> fired = findings.stream().map(Finding::ruleId).toList();
        for (Rule rule : Rule.ALL) {
            assertThat(fired, hasItem(rule.id()));
        }
        for (Finding f : findings) {
            assertFalse(f.why().isBlank());
            assertFalse(f.fix().isBlank());
            assertEquals(Rule.byId(f.ruleId()).severity(), f.severity());
        }
        assertThat(objects(findings, "foreign-table-in-exposed-schema"), contains("foreign table public.exposed_secrets"));
        assertThat(objects(findings, "view-over-foreign-table"), contains(
                "materialized view public.secrets_mv (reads hidden.secrets)",
                "view public.secrets_view (reads hidden.secrets)",
                "view public.secrets_view_view (reads hidden.secrets)"));
        assertThat(objects(findings, "invoker-view-over-foreign-table"), contains(
                "view public.secrets_invoker_view (security_invoker, reads hidden.secrets)"));
        // definer views outside the exposed schemas that unsafe_api can select from, also through a view;
        // not the security_invoker one, nor the one in a schema without USAGE
        assertThat(objects(findings, "private-view-over-foreign-table"), contains(
                "view reports.secret_ids (reads hidden.secrets; selectable by unsafe_api)",
                "view reports.secret_ids_again (reads hidden.secrets; selectable by unsafe_api)"));
        assertThat(objects(findings, "like-pattern-from-argument"), contains(
                "function public.search_secrets(prefix text) (pattern built from prefix)"));
        assertThat(objects(findings, "dynamic-sql-from-argument"), contains(
                "function public.count_rows(tbl text) (statement built from tbl)"));
        assertThat(objects(findings, "unbound-id-argument"), contains("function public.bad_bind(account text) (account)",
                "function public.order_for(customer_id text) (customer_id)"));
        assertThat(objects(findings, "cache-vary-reads-other-claims"), contains("function public.cache_vary_leak() (reads org)"));
        assertThat(objects(findings, "cache-on-volatile"), contains("function public.cache_volatile()"));
        assertThat(objects(findings, "cache-directive-invalid"), contains("function public.cache_bad() @cache soon"));
        assertThat(objects(findings, "bind-directive-invalid"), contains("function public.bad_bind(account text) @bind acount"));
        assertThat(objects(findings, "definer-without-claims-check"), contains(
                "function public.anon_secrets() (reads hidden.secrets)"));
        assertThat(objects(findings, "served-function-executors"), hasItems(
                "function public.safe_definer() (executable by unsafe_api [direct])",
                "function public.unpinned() (executable by unsafe_api [PUBLIC], unsafe_api_bypass [PUBLIC], unsafe_api_creator [PUBLIC])",
                "function public.runs_as_superuser() (executable by no API role)"));
        assertThat(objects(findings, "foreign-table-privilege"), contains("foreign table hidden.secrets: SELECT (id) to unsafe_api"));
        assertThat(objects(findings, "foreign-schema-privilege"), hasItem("schema hidden (holds foreign tables): USAGE to unsafe_api"));
        assertThat(objects(findings, "foreign-server-privilege"), contains("foreign server unsafe_server: USAGE to unsafe_api"));
        assertThat(objects(findings, "user-mapping-for-api-role"), contains("user mapping for public on server unsafe_server"));
        assertThat(objects(findings, "definer-search-path-unpinned"), contains("function public.unpinned()"));
        assertThat(objects(findings, "definer-search-path-writable"), contains(
                "function public.hijackable() (search_path: scratch)", "function public.temp_first() (search_path: pg_temp)"));
        assertThat(objects(findings, "definer-search-path-pg-temp-not-last"), contains(
                "function public.temp_first() (search_path: pg_temp, pg_catalog)",
                "function public.temp_implicit() (search_path: pg_catalog)"));
        assertThat(objects(findings, "definer-owned-by-superuser"), contains("function public.runs_as_superuser() (owner postgres)"));
        assertThat(objects(findings, "definer-owned-by-privileged-role"), contains(
                "function public.owned_by_bypassrls() (owner unsafe_owner_bypass: BYPASSRLS)",
                "function public.owned_by_createrole() (owner unsafe_owner_creator: CREATEROLE)",
                "function public.owned_by_data_writer() (owner unsafe_owner_all_data: member of pg_write_all_data)",
                "function public.owned_by_file_reader() (owner unsafe_owner_files: member of pg_read_server_files)"));
        assertThat(objects(findings, "foreign-server-no-connect-timeout"), contains("foreign server unsafe_server"));
        assertThat(objects(findings, "definer-executable-by-public"), contains("function public.unpinned()"));
        // closed.unreachable() is executable by unsafe_api, but nobody has USAGE on schema closed
        assertThat(objects(findings, "private-definer-executable"), contains("function hidden.leak() (executable by unsafe_api)"));
        assertThat(objects(findings, "invoker-function-exposed"), contains("function public.invoker_fn()"));
        assertThat(objects(findings, "directive-unknown"), contains("function public.invoker_fn() @frobnicate"));
        assertThat(objects(findings, "foreign-server-directive-unknown-server"),
                contains("function public.invoker_fn() @foreign-server nowhere"));
        assertThat(objects(findings, "role-superuser"), contains("login role unsafe_login"));
        assertThat(objects(findings, "role-bypassrls"), contains("API role unsafe_api_bypass"));
        assertThat(objects(findings, "role-createrole"), contains("API role unsafe_api_creator"));
    }

    @Test
    void theControlFunctionTripsNothingAndOnlyUnsafeFunctionsBlock() throws Exception {
        List<Finding> findings = auditUnsafe().stream().filter(f -> !f.ruleId().equals("served-function-executors")).toList();
        for (String control : List.of("safe_definer", "safe_search", "safe_count", "anon_own_secrets", "closed.",
                "bound_order_for", "checked_order_for",
                "invoker_ids", "auth.platform_uid")) {
            assertFalse(findings.stream().anyMatch(f -> f.object().contains(control)), control);
        }
        List<String> blocked = findings.stream().filter(f -> f.blocking() && f.functionOid().isPresent())
                .map(Finding::object).toList();
        assertThat(blocked, containsInAnyOrder("function public.unpinned()",
                "function public.bad_bind(account text) @bind acount",
                "function public.hijackable() (search_path: scratch)",
                "function public.temp_first() (search_path: pg_temp)",
                "function public.temp_first() (search_path: pg_temp, pg_catalog)",
                "function public.temp_implicit() (search_path: pg_catalog)",
                "function public.runs_as_superuser() (owner postgres)",
                "function public.owned_by_bypassrls() (owner unsafe_owner_bypass: BYPASSRLS)",
                "function public.owned_by_createrole() (owner unsafe_owner_creator: CREATEROLE)",
                "function public.owned_by_data_writer() (owner unsafe_owner_all_data: member of pg_write_all_data)",
                "function public.owned_by_file_reader() (owner unsafe_owner_files: member of pg_read_server_files)"));
    }

    @Test
    void fixesAreSqlThatNamesTheObject() throws Exception {
        List<Finding> findings = auditUnsafe();
        assertThat(fixes(findings, "definer-search-path-unpinned"), contains(
                "alter routine public.unpinned() set search_path = ''; -- then schema-qualify every name in its body"));
        assertThat(fixes(findings, "foreign-server-privilege"), contains("revoke all on foreign server unsafe_server from unsafe_api;"));
        assertThat(fixes(findings, "user-mapping-for-api-role"), contains("drop user mapping for public server unsafe_server;"));
        assertThat(fixes(findings, "role-bypassrls"), contains("alter role unsafe_api_bypass nobypassrls;"));
        assertThat(fixes(findings, "definer-search-path-pg-temp-not-last"), contains(
                "alter routine public.temp_first() set search_path = pg_catalog, pg_temp; -- or set search_path = ''"
                        + " and schema-qualify every name in its body",
                "alter routine public.temp_implicit() set search_path = pg_catalog, pg_temp; -- or set search_path = ''"
                        + " and schema-qualify every name in its body"));
        assertThat(fixes(findings, "like-pattern-from-argument").get(0), startsWith(
                "-- in public.search_secrets(prefix text), test the prefix with starts_with(column, prefix)"));
        assertThat(fixes(findings, "dynamic-sql-from-argument").get(0), containsString("format('… %I …', tbl)"));
        assertThat(fixes(findings, "definer-without-claims-check").get(0), startsWith(
                "-- if callers without a token must not read it: revoke execute on routine public.anon_secrets() from anon;"));
        assertThat(fixes(findings, "private-view-over-foreign-table"), hasItem(
                "revoke select on reports.secret_ids from unsafe_api; -- or, to read with the caller's privileges:"
                        + " alter view reports.secret_ids set (security_invoker = true);"));
        // a foreign table in public: move it out, never revoke the API's own schema
        assertThat(fixes(findings, "foreign-schema-privilege"), not(hasItem(containsString("on schema public"))));
        assertThat(fixes(findings, "foreign-server-no-connect-timeout"), contains(
                "alter server unsafe_server options (add connect_timeout '10');"));
        // a superuser login role is replaced by a dedicated one, not demoted (it is usually postgres)
        assertThat(fixes(findings, "role-superuser"), contains(
                "-- log in as a dedicated role instead of unsafe_login: create role authenticator login noinherit"
                        + " nosuperuser nobypassrls nocreaterole; grant unsafe_api, unsafe_api_bypass, unsafe_api_creator"
                        + " to authenticator; then set quarkus.datasource.username=authenticator"));
    }

    private List<Finding> auditUnsafe() throws Exception {
        UnsafeDatabase.ensureCreated();
        PgConnectOptions options = PgConnectOptions.fromUri(UnsafeDatabase.reactiveUrl(UnsafeDatabase.NAME))
                .setUser(UnsafeDatabase.LOGIN);
        Pool pool = PgBuilder.pool().connectingTo(options).using(vertx).build();
        try {
            return Auditor.run(pool, new Auditor.Scope(List.of("public"), UnsafeDatabase.API_ROLES, List.of("auth"), "anon"))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            pool.close();
        }
    }

    private static List<String> objects(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.ruleId().equals(rule)).map(Finding::object).toList();
    }

    private static List<String> fixes(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.ruleId().equals(rule)).map(Finding::fix).toList();
    }
}
