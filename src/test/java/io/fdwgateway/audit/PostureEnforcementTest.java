package io.fdwgateway.audit;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A function with a blocking finding is never served: created at runtime next to a safe
 * twin, it stays 404 after the NOTIFY-triggered reload that makes the twin callable, and the
 * reload logs why.
 */
@QuarkusTest
class PostureEnforcementTest {

    private static final String ALICE = Tokens.forSubject("alice");

    @AfterEach
    void dropFixtures() {
        Superuser.execute("""
                drop function if exists public.probe_safe(), public.probe_unpinned(), public.probe_writable(),
                  public.probe_superuser(), public.probe_temp_implicit(), public.probe_bypassrls_owner();
                drop schema if exists probe_scratch;
                """);
        awaitStatus("probe_safe", 404);
    }

    @Test
    void unsafeDefinerFunctionsAreNeverServed() {
        int mark = GatewayLog.mark();
        Superuser.execute("""
                create schema probe_scratch;
                grant usage, create on schema probe_scratch to authenticated;
                create function public.probe_safe() returns text language sql stable security definer
                  set search_path = '' as $$ select 'safe' $$;
                create function public.probe_unpinned() returns text language sql stable security definer
                  as $$ select 'unpinned' $$;
                create function public.probe_writable() returns text language sql stable security definer
                  set search_path = probe_scratch, pg_catalog as $$ select 'writable' $$;
                create function public.probe_superuser() returns text language sql stable security definer
                  set search_path = '' as $$ select 'superuser' $$;
                create function public.probe_temp_implicit() returns text language sql stable security definer
                  set search_path = pg_catalog as $$ select 'temp first' $$;
                create function public.probe_bypassrls_owner() returns text language sql stable security definer
                  set search_path = '' as $$ select 'bypassrls' $$;
                do $do$ begin
                  if not exists (select from pg_roles where rolname = 'probe_bypass_owner') then
                    create role probe_bypass_owner nologin bypassrls;
                  end if;
                end $do$;
                alter function public.probe_safe() owner to api_definer;
                alter function public.probe_unpinned() owner to api_definer;
                alter function public.probe_writable() owner to api_definer;
                alter function public.probe_temp_implicit() owner to api_definer;
                alter function public.probe_bypassrls_owner() owner to probe_bypass_owner;
                revoke execute on function public.probe_safe(), public.probe_unpinned(), public.probe_writable(),
                  public.probe_superuser(), public.probe_temp_implicit(), public.probe_bypassrls_owner() from public;
                grant execute on function public.probe_safe(), public.probe_unpinned(), public.probe_writable(),
                  public.probe_superuser(), public.probe_temp_implicit(), public.probe_bypassrls_owner() to authenticated;
                """);
        awaitStatus("probe_safe", 200);

        for (String unsafe : new String[] {"probe_unpinned", "probe_writable", "probe_superuser", "probe_temp_implicit",
            "probe_bypassrls_owner"}) {
            problem(get(ALICE, unsafe), 404, "GW404");
        }
        String log = GatewayLog.since(mark);
        assertThat(log, containsString("not serving public.probe_unpinned() [definer-search-path-unpinned]"));
        assertThat(log, containsString("not serving public.probe_writable() [definer-search-path-writable]"));
        assertThat(log, containsString("not serving public.probe_superuser() [definer-owned-by-superuser]"));
        assertThat(log, containsString("not serving public.probe_temp_implicit() [definer-search-path-pg-temp-not-last]"));
        assertThat(log, containsString("not serving public.probe_bypassrls_owner() [definer-owned-by-privileged-role]"));
    }

    /** Polls until the reload triggered by the fixture's DDL is visible. */
    private static void awaitStatus(String function, int status) {
        Api.awaitStatus(ALICE, function, status);
    }
}
