package io.fdwgateway.exec;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.MatcherAssert.assertThat;

import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each call's statement timeout is the function's own {@code SET statement_timeout}, else the
 * role's setting (role in this database over role everywhere), else {@code
 * gateway.statement-timeout} (15 s here); the gateway's own deadline follows whichever applies.
 */
@QuarkusTest
@TestProfile(DatabaseTimeoutsTest.Profile.class)
class DatabaseTimeoutsTest {

    private static final long GLOBAL_MILLIS = 15000;
    /** Well below the global timeout, with room for a loaded test machine. */
    private static final long BEFORE_GLOBAL_MILLIS = GLOBAL_MILLIS - 3000;
    private static final String ALICE = Tokens.forSubject("alice");
    private static final String SERVICE = Tokens.withRole("service_role");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.statement-timeout", GLOBAL_MILLIS + "ms", "gateway.statement-timeout-margin", "1s");
        }
    }

    @BeforeAll
    static void create() {
        Superuser.execute("""
                create function public.sleep_capped(seconds numeric) returns text
                language plpgsql stable security definer set search_path = '' set statement_timeout = '500ms'
                as $$ begin perform pg_catalog.pg_sleep(seconds); return 'done'; end $$;
                create function public.sleep_long(seconds numeric) returns text
                language plpgsql stable security definer set search_path = '' set statement_timeout = '25s'
                as $$ begin perform pg_catalog.pg_sleep(seconds); return 'done'; end $$;
                alter function public.sleep_capped(numeric) owner to api_definer;
                alter function public.sleep_long(numeric) owner to api_definer;
                revoke execute on function public.sleep_capped(numeric), public.sleep_long(numeric) from public;
                grant execute on function public.sleep_capped(numeric), public.sleep_long(numeric)
                  to authenticated, service_role;
                alter role service_role set statement_timeout = '5s';
                do $$ begin
                  execute pg_catalog.format('alter role service_role in database %I set statement_timeout = %L',
                                            pg_catalog.current_database(), '700ms');
                end $$;
                -- ALTER ROLE is no DDL event: tell the gateway to reload
                notify fdw_gateway, 'reload';
                """);
    }

    @AfterAll
    static void drop() {
        Superuser.execute("""
                drop function if exists public.sleep_capped(numeric), public.sleep_long(numeric);
                alter role service_role reset statement_timeout;
                do $$ begin
                  execute pg_catalog.format('alter role service_role in database %I reset statement_timeout',
                                            pg_catalog.current_database());
                end $$;
                notify fdw_gateway, 'reload';
                """);
    }

    @Test
    void theRoleInThisDatabaseSetsTheTimeoutOthersKeepTheGlobalOne() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                get(SERVICE, "whoami").statusCode(200).body("statement_timeout", equalTo("700ms")));
        get(ALICE, "whoami").statusCode(200).body("statement_timeout", equalTo("15s"));

        long start = System.nanoTime();
        problem(get(SERVICE, "slow", Map.of("seconds", 30)), 504, "57014");
        assertThat("the role's 700ms, not the global 15s", elapsedMillis(start), lessThan(BEFORE_GLOBAL_MILLIS));
    }

    @Test
    void theFunctionsOwnSettingComesFirst() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                get(ALICE, "sleep_capped", Map.of("seconds", 0)).statusCode(200));
        for (String token : new String[] {ALICE, SERVICE}) {
            long start = System.nanoTime();
            problem(get(token, "sleep_capped", Map.of("seconds", 30)), 504, "57014");
            assertThat("the function's 500ms", elapsedMillis(start), lessThan(BEFORE_GLOBAL_MILLIS));
        }
    }

    @Test
    void theDeadlineFollowsALongerFunctionTimeout() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                get(ALICE, "sleep_long", Map.of("seconds", 0)).statusCode(200));
        // 17 s: past the global timeout and its deadline (16 s), within the function's own 25 s
        get(ALICE, "sleep_long", Map.of("seconds", 17)).statusCode(200).body(equalTo("\"done\""));
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
