package io.fdwgateway.logging;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Text from Postgres (an error message, which a function may build from a caller's input)
 * and from its catalog (a quoted function name may hold any character) cannot start a line
 * of its own in the gateway's log.
 */
@QuarkusTest
class LogForgingTest {

    private static final String ALICE = Tokens.forSubject("alice");
    private static final String FORGED = "2026-01-01 00:00:00,000 ERROR [io.fdwgateway.forged] ";
    /** Postgres cuts identifiers at 63 bytes: a short forged line for a name. */
    private static final String FORGED_NAME_LINE = "ERROR [forged] ";

    @AfterEach
    void dropFixtures() {
        Superuser.execute("drop function if exists public.forge_probe(), public.\"f\n" + FORGED_NAME_LINE + "x\"();");
    }

    @Test
    void aPostgresMessageCannotForgeALogLine() {
        int mark = GatewayLog.mark();
        post(ALICE, "raise_error", Map.of("sqlstate", "XX000", "message", "boom\r\n" + FORGED + "owned\u001b[2J"))
                .statusCode(500);
        String log = GatewayLog.since(mark);
        assertThat(log, containsString("boom\\r\\n" + FORGED + "owned\\u001b[2J"));
        assertNoLineStartsWith(log, FORGED);
    }

    @Test
    void aFunctionNameCannotForgeALogLine() {
        int mark = GatewayLog.mark();
        // not served (its search_path is not pinned), so the posture gate logs its name at WARN
        Superuser.execute("""
                create function public."f
                %sx"() returns text language sql stable security definer as $$ select 'x' $$;
                create function public.forge_probe() returns text language sql stable security definer
                  set search_path = '' as $$ select 'probe' $$;
                alter function public.forge_probe() owner to api_definer;
                revoke execute on function public.forge_probe() from public;
                grant execute on function public.forge_probe() to authenticated;
                """.formatted(FORGED_NAME_LINE));
        awaitStatus("forge_probe", 200);
        String log = GatewayLog.since(mark);
        assertThat(log, containsString("not serving public.f\\n" + FORGED_NAME_LINE + "x()"));
        assertNoLineStartsWith(log, FORGED_NAME_LINE);
    }

    private static void assertNoLineStartsWith(String log, String prefix) {
        log.lines().filter(line -> line.startsWith(prefix)).findAny().ifPresent(line -> {
            throw new AssertionError("a forged log line: " + line);
        });
    }

    private static void awaitStatus(String function, int status) {
        Api.awaitStatus(ALICE, function, status);
    }
}
