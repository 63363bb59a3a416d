package io.fdwgateway.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.support.Processes;
import io.fdwgateway.support.UnsafeDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
 * {@code java -jar target/quarkus-app/quarkus-run.jar audit [--json]}, the packaged command
 * as a deploy pipeline runs it: configured through the environment only, against the
 * reference database (exit 0) and the deliberately unsafe one (exit 1).
 */
class AuditCommandIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String REFERENCE_ROLES = "anon,authenticated,service_role";

    @BeforeAll
    static void databases() {
        DevEnvironment.ensureStarted(new DevEnvironment.Settings("", 0, 0, Path.of("sql")));
        UnsafeDatabase.ensureCreated();
    }

    @Test
    void referenceDatabasePassesTheGate() throws Exception {
        Run run = audit("fdw_gateway", "authenticator", REFERENCE_ROLES, "--json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonObject report = new JsonObject(run.stdout());
        assertEquals(0, report.getJsonObject("summary").getInteger("error"), run::toString);
        assertThat(rules(report), hasItem("invoker-function-exposed"));
    }

    @Test
    void unsafeDatabaseFailsTheGateWithEveryRule() throws Exception {
        Run run = audit(UnsafeDatabase.NAME, UnsafeDatabase.LOGIN, String.join(",", UnsafeDatabase.API_ROLES), "--json");
        assertEquals(1, run.exitCode(), run::toString);
        JsonObject report = new JsonObject(run.stdout());
        List<String> rules = rules(report);
        for (Rule rule : Rule.ALL) {
            assertThat(run.toString(), rules, hasItem(rule.id()));
        }
    }

    @Test
    void tableIsTheDefaultFormat() throws Exception {
        Run run = audit(UnsafeDatabase.NAME, UnsafeDatabase.LOGIN, String.join(",", UnsafeDatabase.API_ROLES));
        assertEquals(1, run.exitCode(), run::toString);
        assertThat(run.stdout(), containsString("SEVERITY  RULE"));
        assertThat(run.stdout(), containsString("definer-search-path-unpinned"));
        assertThat(run.stdout(), containsString("fix: alter routine public.unpinned() set search_path = ''"));
        assertThat(run.stdout(), not(containsString("INFO  [")));
    }

    @Test
    void baselineAcceptsRecordedFindingsAndFailsOnNewOnes(@TempDir Path dir) throws Exception {
        String roles = String.join(",", UnsafeDatabase.API_ROLES);
        Run recorded = audit(UnsafeDatabase.NAME, UnsafeDatabase.LOGIN, roles, "--json");
        assertEquals(1, recorded.exitCode(), recorded::toString);
        Path baseline = dir.resolve("audit-baseline.json");
        Files.writeString(baseline, recorded.stdout());

        Run accepted = audit(UnsafeDatabase.NAME, UnsafeDatabase.LOGIN, roles, "--baseline", baseline.toString());
        assertEquals(0, accepted.exitCode(), accepted::toString);
        assertThat(accepted.stdout(), containsString("[baseline]"));
        assertThat(accepted.stdout(), containsString(" 0 new error(s)"));

        // the same database against a baseline that lacks one error: that one is new
        JsonObject report = new JsonObject(recorded.stdout());
        JsonArray kept = new JsonArray(report.getJsonArray("findings").stream()
                .filter(f -> !((JsonObject) f).getString("rule").equals("role-superuser")).toList());
        Files.writeString(baseline, report.put("findings", kept).encode());
        Run fresh = audit(UnsafeDatabase.NAME, UnsafeDatabase.LOGIN, roles, "--json", "--baseline", baseline.toString());
        assertEquals(1, fresh.exitCode(), fresh::toString);
        JsonObject freshReport = new JsonObject(fresh.stdout());
        assertEquals(1, freshReport.getJsonObject("summary").getInteger("newErrors"), fresh::toString);
        assertThat(fresh.toString(), freshReport.getJsonArray("findings").stream().map(f -> (JsonObject) f)
                .filter(f -> !f.getBoolean("baselined")).map(f -> f.getString("rule")).toList(), hasItem("role-superuser"));

        Run missing = audit(UnsafeDatabase.NAME, UnsafeDatabase.LOGIN, roles, "--baseline", dir.resolve("none.json").toString());
        assertEquals(2, missing.exitCode(), missing::toString);
    }

    @Test
    void unreachableDatabaseExits2WithoutSecrets() throws Exception {
        Run run = run(Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:1/fdw_gateway",
                "QUARKUS_DATASOURCE_USERNAME", "authenticator", "QUARKUS_DATASOURCE_PASSWORD", "s3cret-password",
                "GATEWAY_ROLE_ALLOWED", REFERENCE_ROLES), "audit");
        assertEquals(2, run.exitCode(), run::toString);
        assertThat(run.stderr(), not(containsString("s3cret-password")));
    }

    @Test
    void noDatabaseUrlExits2WithOneLine() throws Exception {
        Run run = run(Map.of(), "audit");
        assertEquals(2, run.exitCode(), run::toString);
        assertOneLineWithoutStackTrace(run);
        assertThat(run.stderr(), containsString("quarkus.datasource.reactive.url"));
        assertEquals("", run.stdout());
    }

    @Test
    void failedStartExits2WithOneLine() throws Exception {
        Run run = run(Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", UnsafeDatabase.reactiveUrl("fdw_gateway"),
                "QUARKUS_DATASOURCE_USERNAME", "authenticator", "GATEWAY_CATALOG_RELOAD_MIN_INTERVAL", "soon"), "audit");
        assertEquals(2, run.exitCode(), run::toString);
        assertOneLineWithoutStackTrace(run);
        assertThat(run.stderr(), containsString("gateway.catalog.reload-min-interval"));
    }

    /** Exit 2 is explained in one line on stderr: no stack trace, no exception dump. */
    private static void assertOneLineWithoutStackTrace(Run run) {
        List<String> lines = run.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), run::toString);
        assertThat(lines.get(0), containsString("audit could not start: "));
        assertThat(run.stderr(), not(containsString("\tat ")));
    }

    private static List<String> rules(JsonObject report) {
        JsonArray findings = report.getJsonArray("findings");
        return findings.stream().map(f -> ((JsonObject) f).getString("rule")).toList();
    }

    private static Run audit(String database, String user, String roles, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "audit";
        System.arraycopy(options, 0, args, 1, options.length);
        return run(Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", UnsafeDatabase.reactiveUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", user,
                "QUARKUS_OIDC_AUTH_SERVER_URL", System.getProperty(DevEnvironment.ISSUER_PROPERTY),
                "GATEWAY_ROLE_ALLOWED", roles), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Processes.Result result = Processes.run(command, Path.of("."), env, Duration.ofSeconds(120));
        return new Run(result.exitCode(), result.stdout(), result.stderr());
    }

    private record Run(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
