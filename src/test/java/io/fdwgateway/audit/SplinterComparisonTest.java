package io.fdwgateway.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.support.UnsafeDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit on fixtures shaped like Supabase's linter's (splinter) lints 0010, 0011, 0016, 0017,
 * 0028 and 0029 ({@code splinter.sql}, a stock Supabase project's defaults): where splinter
 * flags an object the gateway could serve or that reaches a foreign server, the audit flags it
 * too, and it is stricter on exposed definer functions. Objects of the platform schemas
 * ({@code gateway.audit.ignore-schemas}) do not fail it.
 */
@QuarkusTest
class SplinterComparisonTest {

    static final String DATABASE = "fdw_splinter";
    static final List<String> API_ROLES = List.of("anon", "authenticated", "service_role");

    @Inject
    Vertx vertx;
    @Inject
    GatewayConfig config;

    @BeforeAll
    static void database() {
        UnsafeDatabase.create(DATABASE, "/splinter.sql");
    }

    /** 0010 security_definer_view: definer views in the API schema. */
    @Test
    void lint0010SecurityDefinerView() throws Exception {
        List<Finding> findings = audit(config.audit().ignoreSchemas());
        // the definer view over a foreign table is an error; over a local table the gateway
        // serves no view and no upstream is reached, so it is splinter's business alone
        assertThat(objects(findings, "view-over-foreign-table"), hasItem("view public.invoice_view (reads billing.invoices)"));
        assertThat(allObjects(findings), not(hasItem(containsString("notes_view"))));
        // splinter is silent on a security_invoker view; it reads with the caller's user mapping
        assertThat(objects(findings, "invoker-view-over-foreign-table"),
                contains("view public.invoice_invoker_view (security_invoker, reads billing.invoices)"));
    }

    /** 0011 function_search_path_mutable. */
    @Test
    void lint0011FunctionSearchPathMutable() throws Exception {
        List<Finding> findings = audit(config.audit().ignoreSchemas());
        assertThat(objects(findings, "definer-search-path-unpinned"), contains("function public.mutable_definer()"));
        assertTrue(findings.stream().anyMatch(f -> f.ruleId().equals("definer-search-path-unpinned") && f.blocking()));
        // an invoker function is never served: reported as such
        assertThat(objects(findings, "invoker-function-exposed"), contains("function public.mutable_invoker()"));
        // stricter: splinter accepts any search_path that is set; search_path = public leaves the
        // caller's pg_temp first
        assertThat(objects(findings, "definer-search-path-pg-temp-not-last"),
                contains("function public.path_public() (search_path: public)"));
    }

    /** 0016 materialized_view_in_api. */
    @Test
    void lint0016MaterializedViewInApi() throws Exception {
        List<Finding> findings = audit(config.audit().ignoreSchemas());
        assertThat(objects(findings, "view-over-foreign-table"),
                hasItem("materialized view public.invoice_totals (reads billing.invoices)"));
        assertThat(allObjects(findings), not(hasItem(containsString("note_count"))));
    }

    /** 0017 foreign_table_in_api. */
    @Test
    void lint0017ForeignTableInApi() throws Exception {
        List<Finding> findings = audit(config.audit().ignoreSchemas());
        assertThat(objects(findings, "foreign-table-in-exposed-schema"), contains("foreign table public.api_invoices"));
        // Supabase's default privileges granted it to every API role
        // (the privilege list depends on the Postgres version: 17 adds MAINTAIN)
        assertThat(objects(findings, "foreign-table-privilege"), containsInAnyOrder(
                allOf(startsWith("foreign table public.api_invoices: DELETE, INSERT, "), containsString("SELECT"), endsWith(" to anon")),
                allOf(startsWith("foreign table public.api_invoices: DELETE, INSERT, "), endsWith(" to authenticated")),
                allOf(startsWith("foreign table public.api_invoices: DELETE, INSERT, "), endsWith(" to service_role"))));
        // the fix moves the table out of public; revoking public from anon would break the API
        List<String> schemaFixes = fixes(findings, "foreign-schema-privilege");
        assertThat(schemaFixes, not(empty()));
        for (String fix : schemaFixes) {
            assertThat(fix, containsString("alter foreign table public.api_invoices set schema fdw_private;"));
            assertThat(fix, not(containsString("on schema public")));
        }
    }

    /** 0028 anon_security_definer_function_executable. */
    @Test
    void lint0028AnonSecurityDefinerFunctionExecutable() throws Exception {
        List<Finding> findings = audit(config.audit().ignoreSchemas());
        assertThat(objects(findings, "served-function-executors"), hasItem(
                "function public.invoice_total(invoice_id text) (executable by anon [direct], authenticated [direct], service_role [direct])"));
        assertThat(objects(findings, "definer-executable-by-public"), hasItem("function public.invoice_total(invoice_id text)"));
        // beyond splinter: anon reaches a foreign table through it and nothing checks who calls
        assertThat(objects(findings, "definer-without-claims-check"),
                contains("function public.invoice_total(invoice_id text) (reads billing.invoices)"));
    }

    /** 0029 authenticated_security_definer_function_executable. */
    @Test
    void lint0029AuthenticatedSecurityDefinerFunctionExecutable() throws Exception {
        List<Finding> findings = audit(config.audit().ignoreSchemas());
        assertThat(objects(findings, "served-function-executors"), hasItem(
                "function public.my_invoices() (executable by authenticated [direct], service_role [direct])"));
        assertThat(objects(findings, "definer-executable-by-public"), not(hasItem("function public.my_invoices()")));
    }

    /** A stock project's platform schemas do not fail the gate; without the exclusion they would. */
    @Test
    void platformSchemasAreIgnoredByDefault() throws Exception {
        assertThat(allObjects(audit(config.audit().ignoreSchemas())), not(hasItem(startsWith("function auth."))));
        List<Finding> unfiltered = audit(List.of());
        assertThat(objects(unfiltered, "definer-owned-by-superuser"), contains("function auth.uid() (owner postgres)"));
        // PUBLIC holds EXECUTE (Postgres' default) but no USAGE on auth: not listed
        assertThat(objects(unfiltered, "private-definer-executable"),
                contains("function auth.uid() (executable by anon, authenticated, service_role)"));
    }

    private List<Finding> audit(List<String> ignored) throws Exception {
        PgConnectOptions options = PgConnectOptions.fromUri(UnsafeDatabase.reactiveUrl(DATABASE)).setUser("authenticator");
        Pool pool = PgBuilder.pool().connectingTo(options).using(vertx).build();
        try {
            return Auditor.run(pool, new Auditor.Scope(List.of("public"), API_ROLES, ignored, "anon"))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            pool.close();
        }
    }

    private static List<String> allObjects(List<Finding> findings) {
        return findings.stream().map(Finding::object).toList();
    }

    private static List<String> objects(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.ruleId().equals(rule)).map(Finding::object).toList();
    }

    private static List<String> fixes(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.ruleId().equals(rule)).map(Finding::fix).toList();
    }
}
