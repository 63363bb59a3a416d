package io.fdwgateway.auth;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fdwgateway.support.JsonLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway in production mode refuses to start on unsafe authentication settings,
 * before it contacts the database, with a message naming the key to fix. No database or issuer
 * is reachable here: a run that gets past these checks fails later, on the database, which is
 * how the tests tell that the check let it through.
 */
class ProdStartupIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String DATABASE_STEP = "could not check the login role";

    private static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:1/fdw_gateway");
        env.put("QUARKUS_DATASOURCE_USERNAME", "authenticator");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:1/realms/unreachable");
        env.put("QUARKUS_OIDC_CONNECTION_TIMEOUT", "2s");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        env.put("GATEWAY_ROLE_ALLOWED", "anon,authenticated");
        return env;
    }

    @Test
    void withoutAnAudienceProductionRefusesToStartAndNamesTheKeys() throws Exception {
        Run run = run(baseEnvironment());
        assertNotEquals(0, run.exitCode(), run::toString);
        assertThat(run.output(), containsString("quarkus.oidc.token.audience is not set"));
        assertThat(run.output(), containsString("gateway.auth.allow-any-audience=true"));
        assertThat("refused before touching the database", run.output(), not(containsString(DATABASE_STEP)));
    }

    @Test
    void allowingAnyAudienceStartsWithAWarning() throws Exception {
        Map<String, String> env = baseEnvironment();
        env.put("GATEWAY_AUTH_ALLOW_ANY_AUDIENCE", "true");
        Run run = run(env);
        assertThat(run.output(), containsString("WARN"));
        assertThat(run.output(), containsString("gateway.auth.allow-any-audience=true: quarkus.oidc.token.audience is not set"));
        assertThat("went on to the database", run.output(), containsString(DATABASE_STEP));
    }

    @Test
    void aRoleOutsideTheAllowListStopsStartUpNamingItsKey() throws Exception {
        Map<String, Map.Entry<String, String>> cases = Map.of(
                "gateway.role.default (postgres)", Map.entry("GATEWAY_ROLE_DEFAULT", "postgres"),
                "gateway.role.anonymous (authenticator)", Map.entry("GATEWAY_ROLE_ANONYMOUS", "authenticator"));
        for (Map.Entry<String, Map.Entry<String, String>> c : cases.entrySet()) {
            Map<String, String> env = baseEnvironment();
            env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", "my-api");
            env.put(c.getValue().getKey(), c.getValue().getValue());
            Run run = run(env);
            assertNotEquals(0, run.exitCode(), run::toString);
            assertThat(run.output(), containsString(c.getKey() + " must be one of gateway.role.allowed"));
            assertThat(run.output(), not(containsString(DATABASE_STEP)));
        }
        Map<String, String> env = baseEnvironment();
        env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", "my-api");
        Run mapping = run(env, "-Dgateway.role.mapping.realm-admin=postgres");
        assertNotEquals(0, mapping.exitCode(), mapping::toString);
        assertThat(mapping.output(), containsString("gateway.role.mapping.\"realm-admin\" (postgres) must be one of"));
    }

    private static Run run(Map<String, String> env, String... jvmOptions) throws IOException, InterruptedException {
        Path output = Files.createTempFile("prod-startup", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the gateway neither started nor stopped within 120 s:\n" + Files.readString(output));
        }
        // production logs JSON: the messages are read as text
        return new Run(process.exitValue(), JsonLog.text(Files.readString(output, StandardCharsets.UTF_8)));
    }

    private record Run(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }
}
