package io.fdwgateway.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.support.Superuser;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The start-up refusal rules, checked against real roles of the reference database's server. */
@QuarkusTest
class LoginRoleCheckTest {

    private static final List<String> ALLOWED = List.of("anon", "authenticated", "service_role");
    private static Vertx vertx;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        Superuser.execute("""
                do $$ begin
                  if not exists (select from pg_roles where rolname = 'lonely_login') then
                    create role lonely_login login;
                  end if;
                  if not exists (select from pg_roles where rolname = 'bypass_login') then
                    create role bypass_login login bypassrls;
                  end if;
                end $$;
                grant anon, authenticated, service_role to bypass_login;
                """);
    }

    @AfterAll
    static void tearDown() {
        vertx.close();
    }

    private static List<String> problemsAs(String user, List<String> allowed) throws Exception {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(System.getProperty(DevEnvironment.DB_HOST_PROPERTY))
                .setPort(Integer.parseInt(System.getProperty(DevEnvironment.DB_PORT_PROPERTY)))
                .setDatabase("fdw_gateway").setUser(user);
        Pool pool = PgBuilder.pool().connectingTo(options).using(vertx).build();
        try {
            return LoginRoleCheck.problems(pool, allowed).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            pool.close();
        }
    }

    @Test
    void authenticatorIsFit() throws Exception {
        assertEquals(List.of(), problemsAs("authenticator", ALLOWED));
    }

    @Test
    void superuserIsRefused() throws Exception {
        assertTrue(problemsAs("postgres", ALLOWED).stream().anyMatch(p -> p.contains("superuser")));
    }

    @Test
    void bypassRlsIsRefused() throws Exception {
        List<String> problems = problemsAs("bypass_login", ALLOWED);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("BYPASSRLS"));
    }

    @Test
    void missingMembershipIsRefusedWithTheGrantToRun() throws Exception {
        List<String> problems = problemsAs("lonely_login", ALLOWED);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("grant anon to lonely_login"), problems.get(0));
    }

    @Test
    void unknownAllowedRoleIsRefused() throws Exception {
        List<String> problems = problemsAs("authenticator", List.of("anon", "no_such_role"));
        assertEquals(List.of("role 'no_such_role' in gateway.role.allowed does not exist"), problems);
    }
}
