package io.fdwgateway.upstream;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.fdwgateway.support.Database;
import io.fdwgateway.support.Management;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Foreign-server budgets and breakers against real postgres_fdw servers, once for each way the
 * gateway knows a function reaches its server: pg_depend (BEGIN ATOMIC), the body scan, and a
 * {@code @foreign-server} line over dynamic SQL. Each function has a server of its own, whose
 * "remote side" is a pair of views in this same database: one answers at once, one sleeps.
 */
@QuarkusTest
@TestProfile(UpstreamGuardTest.Profile.class)
class UpstreamGuardTest {

    private static final String ALICE = Tokens.forSubject("alice");
    private static final String PORT = "select setting from pg_settings where name = 'port'";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.upstream-defaults.max-concurrent", "1",
                    "gateway.upstream-defaults.breaker.failures", "2",
                    "gateway.upstream-defaults.breaker.open-for", "2s",
                    "gateway.statement-timeout", "4s",
                    "gateway.statement-timeout-margin", "1s");
        }
    }

    @BeforeAll
    static void create() {
        Superuser.execute("""
                create schema guard_remote;
                create view guard_remote.fast as select 1 as n;
                create view guard_remote.slow as select 1 as n from pg_catalog.pg_sleep(2);
                grant usage on schema guard_remote to stripe_api_reader;
                grant select on guard_remote.fast, guard_remote.slow to stripe_api_reader;
                do $$
                declare s text;
                begin
                  foreach s in array array['guard_dep', 'guard_scan', 'guard_tag'] loop
                    execute pg_catalog.format('create server %I foreign data wrapper postgres_fdw'
                      || ' options (host %L, port %L, dbname %L, connect_timeout %L)',
                      s, '127.0.0.1', pg_catalog.current_setting('port'), pg_catalog.current_database(), '2');
                    execute pg_catalog.format('create user mapping for api_definer server %I'
                      || ' options (user %L, password_required %L)', s, 'stripe_api_reader', 'false');
                    execute pg_catalog.format('create foreign table stripe.%I (n int) server %I'
                      || ' options (schema_name %L, table_name %L)', s || '_fast', s, 'guard_remote', 'fast');
                    execute pg_catalog.format('create foreign table stripe.%I (n int) server %I'
                      || ' options (schema_name %L, table_name %L)', s || '_slow', s, 'guard_remote', 'slow');
                    execute pg_catalog.format('grant select on stripe.%I, stripe.%I to api_definer', s || '_fast', s || '_slow');
                  end loop;
                  -- pg_depend: a SQL-standard body
                  execute $f$
                    create function public.guard_by_depend(slow boolean default false) returns bigint
                    language sql stable security definer set search_path = ''
                    begin atomic
                      select case when slow then (select pg_catalog.count(*) from stripe.guard_dep_slow)
                                  else (select pg_catalog.count(*) from stripe.guard_dep_fast) end;
                    end
                  $f$;
                end $$;
                -- the body scan: schema-qualified foreign tables
                create function public.guard_by_scan(slow boolean default false) returns bigint
                language plpgsql stable security definer set search_path = ''
                as $$
                begin
                  if slow then
                    return (select pg_catalog.count(*) from stripe.guard_scan_slow);
                  end if;
                  return (select pg_catalog.count(*) from stripe.guard_scan_fast);
                end $$;
                -- the tag: dynamic SQL no scan can follow
                create function public.guard_by_tag(slow boolean default false) returns bigint
                language plpgsql stable security definer set search_path = ''
                as $$
                declare n bigint;
                begin
                  execute pg_catalog.format('select pg_catalog.count(*) from %I.%I', 'stripe',
                    'guard_tag_' || case when slow then 'slow' else 'fast' end) into n;
                  return n;
                end $$;
                comment on function public.guard_by_tag(boolean) is E'Dynamic SQL.\\n@foreign-server guard_tag';
                alter function public.guard_by_depend(boolean) owner to api_definer;
                alter function public.guard_by_scan(boolean) owner to api_definer;
                alter function public.guard_by_tag(boolean) owner to api_definer;
                revoke execute on function public.guard_by_depend(boolean), public.guard_by_scan(boolean),
                  public.guard_by_tag(boolean) from public;
                grant execute on function public.guard_by_depend(boolean), public.guard_by_scan(boolean),
                  public.guard_by_tag(boolean) to authenticated;
                """);
    }

    @AfterAll
    static void drop() {
        Superuser.execute("""
                drop function if exists public.guard_by_depend(boolean), public.guard_by_scan(boolean),
                  public.guard_by_tag(boolean);
                drop server if exists guard_dep, guard_scan, guard_tag cascade;
                drop schema if exists guard_remote cascade;
                """);
    }

    @ParameterizedTest
    @CsvSource({"guard_by_depend, guard_dep", "guard_by_scan, guard_scan", "guard_by_tag, guard_tag"})
    void budgetAndBreakerGuardTheServer(String function, String server) throws Exception {
        await("the function is served").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> call(function, false).statusCode(200).body(equalTo("1")));
        String port = Long.toString(Database.count(PORT));

        // budget: one call in flight; the next is refused at once, without database work (had the
        // slow call ended first, this one would answer 200)
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> call(function, true).extract().statusCode());
        await("the slow call is in flight").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> gauge("gateway_upstream_in_flight", server) == 1.0);
        problem(call(function, false), 503, "GW503-upstream-busy").header("Retry-After", notNullValue());
        assertThat(slow.get(60, TimeUnit.SECONDS), equalTo(200));

        // breaker: the server made unreachable; two failures open it
        Superuser.execute("alter server " + server + " options (set port '1')");
        try {
            problem(call(function, false), 502, "08001");
            problem(call(function, false), 502, "08001");
            problem(call(function, false), 503, "GW503-upstream-open").header("Retry-After", notNullValue());
            assertThat(gauge("gateway_upstream_breaker_state", server), equalTo(1.0));
            // after open-for, one trial call: it fails, so the breaker opens again at once
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> problem(call(function, false), 502, "08001"));
            problem(call(function, false), 503, "GW503-upstream-open");
        } finally {
            Superuser.execute("alter server " + server + " options (set port '" + port + "')");
        }
        // the upstream is back: after open-for the trial call succeeds and closes the breaker
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> call(function, false).statusCode(200));
        assertThat(gauge("gateway_upstream_breaker_state", server), equalTo(0.0));
        call(function, false).statusCode(200);

        // a slow remote: statement timeouts (57014) are upstream failures too
        Superuser.execute("create or replace view guard_remote.fast as select 1 as n from pg_catalog.pg_sleep(10)");
        try {
            problem(call(function, false), 504, "57014");
            problem(call(function, false), 504, "57014");
            problem(call(function, false), 503, "GW503-upstream-open");
        } finally {
            Superuser.execute("create or replace view guard_remote.fast as select 1 as n");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> call(function, false).statusCode(200));
        String metrics = Management.given().get("/q/metrics").then().extract().asString();
        assertThat(metrics, containsString("gateway_upstream_rejected_total{reason=\"open\",server=\"" + server + "\"}"));
        assertThat(metrics, containsString("gateway_upstream_rejected_total{reason=\"busy\",server=\"" + server + "\"}"));
    }

    private static ValidatableResponse call(String function, boolean slow) {
        return get(ALICE, function, Map.of("slow", slow));
    }

    private static double gauge(String name, String server) {
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        String prefix = name + "{server=\"" + server + "\"} ";
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(prefix.length()).trim());
            }
        }
        return Double.NaN;
    }
}
