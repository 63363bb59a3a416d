package io.fdwgateway.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.support.Processes;
import io.fdwgateway.support.UnsafeDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarkus-run.jar audit --exposure [--check <lock>] [--format=mermaid]}, the packaged
 * command as a CI job runs it: the graph of a database with every source of "reaches a foreign
 * server" and every way of being allowed to call, and the lock check failing and passing.
 */
class ExposureCommandIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String DATABASE = "fdw_exposure";
    private static final String ROLES = "anon,authenticated,exposure_user";

    @BeforeAll
    static void databases() {
        DevEnvironment.ensureStarted(new DevEnvironment.Settings("", 0, 0, Path.of("sql")));
        UnsafeDatabase.create(DATABASE, "/exposure.sql");
    }

    @Test
    void graphHasAPathPerRoleFunctionTableAndServer() throws Exception {
        Run run = exposure(DATABASE, ROLES);
        assertEquals(0, run.exitCode(), run::toString);
        Exposure graph = Exposure.parse(run.stdout());
        assertEquals(List.of(
                path("anon", "public.atomic_items()", "priv.items", "warehouse_server"),          // pg_depend
                path("anon", "public.public_items()", "priv.items", "warehouse_server"),          // PUBLIC
                path("authenticated", "public.public_items()", "priv.items", "warehouse_server"),
                path("authenticated", "public.tagged_report(text)", null, "billing_server"),      // @foreign-server
                path("authenticated", "public.untagged_run(text)", null, "unknown"),              // dynamic SQL
                path("exposure_user", "public.body_invoices()", "priv.invoices", "billing_server"), // body, membership
                path("exposure_user", "public.public_items()", "priv.items", "warehouse_server")),
                graph.paths(), run::toString);
    }

    @Test
    void checkFailsOnANewPathAndPassesOtherwise(@TempDir Path dir) throws Exception {
        Exposure live = Exposure.parse(exposure(DATABASE, ROLES).stdout());
        Path lock = dir.resolve("exposure.lock.json");

        Files.writeString(lock, live.json());
        Run same = exposure(DATABASE, ROLES, "--check", lock.toString());
        assertEquals(0, same.exitCode(), same::toString);
        assertThat(same.stdout(), containsString("7 path(s), 0 new, 0 gone"));

        // someone granted anon a function that reaches the billing server
        List<Exposure.Path> without = live.paths().stream().filter(p -> !p.role().equals("anon")).toList();
        Files.writeString(lock, new Exposure(without).json());
        Run grown = exposure(DATABASE, ROLES, "--check", lock.toString());
        assertEquals(1, grown.exitCode(), grown::toString);
        assertThat(grown.stdout(), containsString(
                "new exposure path: anon → public.atomic_items() → priv.items → warehouse_server"));
        assertThat(grown.stdout(), containsString(
                "new exposure path: anon → public.public_items() → priv.items → warehouse_server"));

        // a path the database no longer has is information, not a failure
        List<Exposure.Path> more = new ArrayList<>(live.paths());
        more.add(path("anon", "public.gone()", "priv.items", "warehouse_server"));
        Files.writeString(lock, new Exposure(more).json());
        Run shrunk = exposure(DATABASE, ROLES, "--check", lock.toString());
        assertEquals(0, shrunk.exitCode(), shrunk::toString);
        assertThat(shrunk.stdout(), containsString(
                "info: exposure path gone: anon → public.gone() → priv.items → warehouse_server"));

        Run unreadable = exposure(DATABASE, ROLES, "--check", dir.resolve("missing.json").toString());
        assertEquals(2, unreadable.exitCode(), unreadable::toString);
    }

    @Test
    void mermaidDrawsTheGraph() throws Exception {
        Run run = exposure(DATABASE, ROLES, "--format=mermaid");
        assertEquals(0, run.exitCode(), run::toString);
        assertThat(run.stdout(), startsWith("flowchart LR\n"));
        assertThat(run.stdout(), containsString("[\"public.body_invoices()\"]"));
        assertThat(run.stdout(), containsString("[(\"unknown\")]"));
        assertThat(run.stdout(), not(containsString("local_only")));
    }

    /** The reference database's graph is committed next to it (sql/exposure.lock.json), as a project would. */
    @Test
    void referenceDatabaseMatchesItsCommittedLock() throws Exception {
        Run run = exposure("fdw_gateway", "anon,authenticated,service_role", "--check", "sql/exposure.lock.json");
        assertEquals(0, run.exitCode(), () -> run + "\ngraph now:\n" + exposure("fdw_gateway", "anon,authenticated,service_role").stdout());
    }

    private static Exposure.Path path(String role, String function, String table, String server) {
        return new Exposure.Path(role, function, table, server);
    }

    private static Run exposure(String database, String roles, String... options) {
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-jar", JAR.toString(), "audit", "--exposure"));
        command.addAll(List.of(options));
        Processes.Result result = Processes.run(command, Path.of("."), Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", UnsafeDatabase.reactiveUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", "authenticator",
                "QUARKUS_OIDC_AUTH_SERVER_URL", System.getProperty(DevEnvironment.ISSUER_PROPERTY),
                "GATEWAY_ROLE_ALLOWED", roles), Duration.ofSeconds(120));
        return new Run(result.exitCode(), result.stdout(), result.stderr());
    }

    private record Run(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
