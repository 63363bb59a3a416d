package io.fdwgateway.admit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
 * The packaged gateway refuses to start on a rate limit, period or duration that does not parse
 * or makes no sense, and on a Redis store without a Redis, with a message naming the key, before
 * it contacts the database. No database is reachable here: a run that gets past the configuration
 * fails on the database, which is how the test tells the check let it through.
 */
class AdmissionStartupIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String DATABASE_STEP = "could not check the login role";

    private static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:1/fdw_gateway");
        env.put("QUARKUS_DATASOURCE_USERNAME", "authenticator");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:1/realms/unreachable");
        env.put("QUARKUS_OIDC_CONNECTION_TIMEOUT", "2s");
        env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", "my-api");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        return env;
    }

    @Test
    void badLimitsPeriodsAndDurationsStopStartUpNamingTheKey() throws Exception {
        Map<String, String> cases = Map.of(
                "gateway.rate-limit.per-caller.requests", "0",
                "gateway.rate-limit.per-caller.period", "sometimes",
                "gateway.rate-limit.function.\"get_stripe_products\".requests", "-1",
                "gateway.idempotency.ttl", "0s");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Run run = run(baseEnvironment(), "-D" + c.getKey() + "=" + c.getValue());
            assertNotEquals(0, run.exitCode(), run::toString);
            assertThat(run.toString(), run.output(), containsString(c.getKey()));
            assertThat(run.output(), containsString(c.getValue()));
            assertThat("refused before touching the database", run.output(), not(containsString(DATABASE_STEP)));
        }
    }

    @Test
    void aRedisStoreWithoutRedisStopsStartUpNamingBothKeys() throws Exception {
        Map<String, String> env = baseEnvironment();
        env.put("GATEWAY_RATE_LIMIT_STORE", "redis");
        env.put("GATEWAY_RATE_LIMIT_PER_CALLER_REQUESTS", "100");
        Run run = run(env);
        assertNotEquals(0, run.exitCode(), run::toString);
        assertThat(run.output(), containsString("gateway.rate-limit.store=redis needs quarkus.redis.hosts"));
        assertThat(run.output(), not(containsString(DATABASE_STEP)));
    }

    @Test
    void goodLimitsGoOnToTheDatabase() throws Exception {
        Map<String, String> env = baseEnvironment();
        env.put("GATEWAY_RATE_LIMIT_PER_CALLER_REQUESTS", "100");
        Run run = run(env, "-Dgateway.rate-limit.function.\"get_stripe_products\".requests=25",
                "-Dgateway.rate-limit.function.\"get_stripe_products\".period=1s");
        assertThat(run.output(), containsString("rate limits (memory store, Redis failure: allow): 100 per 1m per caller;"
                + " get_stripe_products: 25 per 1s"));
        assertThat("went on to the database", run.output(), containsString(DATABASE_STEP));
    }

    private static Run run(Map<String, String> env, String... jvmOptions) throws IOException, InterruptedException {
        Path output = Files.createTempFile("admission-startup", ".log");
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
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Run(process.exitValue(), text);
    }

    private record Run(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }
}
