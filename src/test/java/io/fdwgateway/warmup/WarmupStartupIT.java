package io.fdwgateway.warmup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fdwgateway.support.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway refuses to start on a {@code gateway.warmup.path} that is not a GET path
 * under the API, with a message naming the key and the value, before it contacts the database.
 * No database is reachable here: a run that gets past the configuration fails on the database,
 * which is how the test tells the check let it through.
 */
class WarmupStartupIT {

    private static final Path APP = Path.of("target/quarkus-app");
    private static final String DATABASE_STEP = "could not check the login role";

    private static Map<String, String> environment(String path) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:1/fdw_gateway");
        env.put("QUARKUS_DATASOURCE_USERNAME", "authenticator");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:1/realms/unreachable");
        env.put("QUARKUS_OIDC_CONNECTION_TIMEOUT", "2s");
        env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", "my-api");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        env.put("GATEWAY_ROLE_ANONYMOUS", "anon");
        env.put("GATEWAY_WARMUP_PATH", path);
        env.put("GATEWAY_WARMUP_MAX_DURATION", "30s");
        return env;
    }

    private static Processes.Result run(String path) {
        return Processes.run(List.of(Processes.java(), "-jar", "quarkus-run.jar"), APP, environment(path),
                Duration.ofSeconds(120));
    }

    @Test
    void anInvalidPathStopsStartUpNamingTheKeyBeforeTheDatabase() {
        for (String bad : List.of("POST /rpc/log_visit", "/q/metrics", "http://example.com/rpc/add")) {
            Processes.Result run = run(bad);
            assertNotEquals(0, run.exitCode(), run::toString);
            assertThat(run.toString(), run.output(), containsString("refusing to start: gateway.warmup.path must be"));
            assertThat(run.output(), containsString("'" + bad + "'"));
            assertThat("refused before touching the database", run.output(), not(containsString(DATABASE_STEP)));
        }
    }

    @Test
    void aValidPathGoesOnToTheDatabase() {
        Processes.Result run = run("/rpc/add?a=1&b=2");
        assertThat(run.toString(), run.output(), containsString(DATABASE_STEP));
        assertThat(run.output(), not(containsString("gateway.warmup.path must be")));
    }
}
