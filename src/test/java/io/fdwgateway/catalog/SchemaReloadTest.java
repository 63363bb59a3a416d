package io.fdwgateway.catalog;

import static io.fdwgateway.support.Api.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Management;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * DDL in the reference database fires its event trigger, which sends NOTIFY fdw_gateway,
 * 'reload'; the gateway reloads its schema cache without a restart.
 */
@QuarkusTest
class SchemaReloadTest {

    private static final String ALICE = Tokens.forSubject("alice");

    private static void awaitStatus(String function, int status) {
        Api.awaitStatus(ALICE, function, status);
    }

    @Test
    void newFunctionIsServedAndDroppedFunctionIsGone() {
        Superuser.execute("""
                create function public.reload_probe() returns int
                language sql stable security definer set search_path = '' as $$ select 41 + 1 $$;
                alter function public.reload_probe() owner to api_definer;
                revoke execute on function public.reload_probe() from public;
                grant execute on function public.reload_probe() to authenticated;
                """);
        try {
            awaitStatus("reload_probe", 200);
            get(ALICE, "reload_probe").body(org.hamcrest.Matchers.equalTo("42"));
        } finally {
            Superuser.execute("drop function if exists public.reload_probe()");
        }
        awaitStatus("reload_probe", 404);
    }

    @Test
    void failedReloadKeepsServingTheLastGoodCache() {
        // The login role loses read access to pg_proc: the catalog query fails on reload.
        Superuser.execute("revoke select on pg_catalog.pg_proc from public");
        try {
            Superuser.execute("""
                    create function public.reload_probe_2() returns int
                    language sql stable security definer set search_path = '' as $$ select 2 $$;
                    alter function public.reload_probe_2() owner to api_definer;
                    grant execute on function public.reload_probe_2() to authenticated;
                    """);
            // the reload triggered by that DDL fails (health shows it); what was served before still is
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> Management.given().get("/q/health/ready")
                    .then().body("checks.find { it.name == 'schema-cache' }.data.lastReloadFailed", notNullValue()));
            get(ALICE, "add", java.util.Map.of("a", "1")).statusCode(200);
            get(ALICE, "reload_probe_2").statusCode(404);
        } finally {
            Superuser.execute("grant select on pg_catalog.pg_proc to public");
        }
        Superuser.execute("notify fdw_gateway, 'reload'");
        awaitStatus("reload_probe_2", 200);
        Superuser.execute("drop function public.reload_probe_2()");
        awaitStatus("reload_probe_2", 404);
    }
}
