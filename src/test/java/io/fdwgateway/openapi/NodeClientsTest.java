package io.fdwgateway.openapi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.support.Processes;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway from the JavaScript side, with the packages pinned in src/test/js (installed by
 * {@code npm ci}, so a fresh machine needs only Node.js and npm, of the version its
 * package.json names): the real {@code @supabase/postgrest-js} client calls it, and Redocly's
 * linter checks the committed document.
 */
@QuarkusTest
class NodeClientsTest {

    private static final Logger LOG = Logger.getLogger(NodeClientsTest.class);
    private static final Path JS = Path.of("src/test/js");

    @BeforeAll
    static void install() {
        Processes.Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(10));
        assertEquals(0, npm.exitCode(), npm::toString);
    }

    @Test
    void postgrestJsClientWorksAgainstTheGateway() {
        Processes.Result node = run(List.of("node", "postgrest-compat.mjs"), Map.of(
                "GATEWAY_URL", ConfigProvider.getConfig().getValue("test.url", String.class),
                "TOKEN", Tokens.forSubject("alice")), Duration.ofMinutes(2));
        assertThat(node.output(), not(containsString("not ok")));
        assertThat(node.output(), containsString("all checks passed"));
        assertEquals(0, node.exitCode(), node::toString);
    }

    @Test
    void committedDocumentPassesRedoclyLint() {
        Processes.Result lint = run(List.of("npx", "--no-install", "redocly", "lint", "../../../openapi/openapi.yaml"),
                Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"), Duration.ofMinutes(5));
        assertEquals(0, lint.exitCode(), () -> "redocly lint found errors:\n" + lint);
        assertThat(lint.output(), containsString("validated"));
    }

    private static Processes.Result run(List<String> command, Map<String, String> env, Duration timeout) {
        Processes.Result result = Processes.run(command, JS, env, timeout);
        LOG.debug(result);
        return result;
    }
}
