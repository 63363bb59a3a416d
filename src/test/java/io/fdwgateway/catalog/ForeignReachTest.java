package io.fdwgateway.catalog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.audit.Auditor;
import io.fdwgateway.audit.Finding;
import io.fdwgateway.catalog.ForeignReach.ForeignUse;
import io.fdwgateway.catalog.ForeignReach.Source;
import io.fdwgateway.support.Contract;
import io.fdwgateway.support.Superuser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which foreign servers a served function reaches, from each of the three sources, read from
 * the real catalog; comment directives leave the OpenAPI description; a {@code @foreign-server}
 * naming no server is an audit warning and the function is still served.
 */
@QuarkusTest
class ForeignReachTest {

    private static final String FUNCTIONS = "public.reach_atomic(), public.reach_scan(), public.reach_path(),"
            + " public.reach_tagged(), public.reach_untagged(), public.reach_unknown_server()";

    @Inject
    CatalogLoader loader;
    @Inject
    Auditor auditor;

    @BeforeAll
    static void create() {
        Superuser.execute("""
                -- inside DO: the JDBC driver would split a BEGIN ATOMIC body at its semicolons
                do $do$ begin execute $f$
                  create function public.reach_atomic() returns bigint
                  language sql stable security definer set search_path = ''
                  begin atomic
                    select pg_catalog.count(*) from stripe.stripe_products p where p.active;
                  end
                $f$; end $do$;
                create function public.reach_scan() returns setof text
                language sql stable security definer set search_path = ''
                as $$
                  -- stripe.stripe_products is only named in this comment
                  select o.id from stripe.offline_products o
                $$;
                create function public.reach_path() returns bigint
                language sql stable security definer set search_path = stripe, pg_temp
                as $$ select pg_catalog.count(*) from stripe_products $$;
                create function public.reach_tagged() returns bigint
                language plpgsql stable security definer set search_path = ''
                as $$
                declare n bigint;
                begin
                  execute 'select pg_catalog.count(*) from ' || 'stripe.stripe' || '_products' into n;
                  return n;
                end $$;
                comment on function public.reach_tagged() is
                  E'Counts the products.\\n@foreign-server stripe_server\\n@frobnicate now';
                create function public.reach_untagged() returns bigint
                language plpgsql stable security definer set search_path = ''
                as $$
                declare n bigint;
                begin
                  execute pg_catalog.format('select pg_catalog.count(*) from %I.%I', 'stripe', 'stripe_products') into n;
                  return n;
                end $$;
                create function public.reach_unknown_server() returns int
                language sql immutable security definer set search_path = ''
                as $$ select 1 $$;
                comment on function public.reach_unknown_server() is E'@foreign-server nowhere\\nStill served.';
                """ + grants("api_definer"));
    }

    private static String grants(String owner) {
        StringBuilder sql = new StringBuilder();
        for (String f : FUNCTIONS.split(",\\s*")) {
            sql.append("alter function ").append(f).append(" owner to ").append(owner).append(";\n")
                    .append("revoke execute on function ").append(f).append(" from public;\n")
                    .append("grant execute on function ").append(f).append(" to authenticated;\n");
        }
        return sql.toString();
    }

    @AfterAll
    static void drop() {
        Superuser.execute("drop function if exists " + FUNCTIONS);
    }

    private Routine routine(Catalog catalog, String name) {
        List<Routine> found = catalog.lookup(name);
        assertThat(name + " is served", found, hasSize(1));
        return found.get(0);
    }

    @Test
    void eachSourceFindsItsServer() throws Exception {
        Catalog catalog = loader.load().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        ForeignReach atomic = routine(catalog, "reach_atomic").reach();
        assertThat(atomic.uses(), contains(new ForeignUse("stripe_server", "stripe.stripe_products", Source.DEPENDENCY)));

        ForeignReach scan = routine(catalog, "reach_scan").reach();
        assertThat("the comment inside the body names nothing",
                scan.uses(), contains(new ForeignUse("stripe_offline", "stripe.offline_products", Source.BODY)));

        assertThat(routine(catalog, "reach_path").reach().uses(),
                contains(new ForeignUse("stripe_server", "stripe.stripe_products", Source.BODY)));

        Routine tagged = routine(catalog, "reach_tagged");
        assertThat(tagged.reach().sources("stripe_server"), hasItem(Source.TAG));
        assertThat(tagged.reach().servers(), contains("stripe_server"));
        assertTrue(tagged.reach().dynamicSql());
        assertFalse(tagged.reach().untaggedDynamicSql());
        assertEquals("Counts the products.", tagged.description());

        ForeignReach untagged = routine(catalog, "reach_untagged").reach();
        assertThat(untagged.servers(), empty());
        assertTrue(untagged.untaggedDynamicSql());

        Routine unknown = routine(catalog, "reach_unknown_server");
        assertThat("an unknown server adds no reach", unknown.reach().servers(), empty());
        assertThat(unknown.directives().foreignServers(), contains("nowhere"));

        assertThat("functions without foreign tables reach nothing",
                routine(catalog, "list_plans").reach().uses(), empty());
        assertThat(routine(catalog, "get_stripe_products").reach().servers(), contains("stripe_server"));
    }

    @Test
    void unknownDirectivesAndServersAreAuditWarnings() throws Exception {
        List<Finding> findings = auditor.run().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<String> ours = findings.stream().filter(f -> f.object().contains("reach_"))
                .filter(f -> f.ruleId().startsWith("directive-") || f.ruleId().startsWith("foreign-server-directive"))
                .map(f -> f.severity() + " " + f.ruleId() + " " + f.object()).toList();
        assertThat(ours, containsInAnyOrder(
                "WARNING directive-unknown function public.reach_tagged() @frobnicate",
                "WARNING foreign-server-directive-unknown-server function public.reach_unknown_server() @foreign-server nowhere"));
        assertTrue(findings.stream().filter(f -> f.object().contains("reach_")).noneMatch(Finding::blocking));
    }

    @Test
    void theOpenApiDescriptionLeavesTheDirectivesOut() {
        JsonPath doc = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> JsonPath.from(Contract.liveDocument()), d -> d.get("paths.'/rpc/reach_tagged'") != null);
        assertEquals("Counts the products.", doc.getString("paths.'/rpc/reach_tagged'.post.description"));
        assertEquals("Still served.", doc.getString("paths.'/rpc/reach_unknown_server'.post.description"));
    }
}
