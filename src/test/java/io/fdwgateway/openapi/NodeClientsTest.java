package io.fdwgateway.openapi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway from the JavaScript side, with the packages pinned in src/test/js (installed by
 * {@code npm ci}, so a fresh machine needs only node and npm): the real
 * {@code @supabase/postgrest-js} client calls it, and Redocly's linter checks the committed
 * document.
 */
@QuarkusTest
class NodeClientsTest {

    private static final File JS = new File("src/test/js");

    @BeforeAll
    static void install() throws Exception {
        Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 600);
        assertEquals(0, npm.exit(), "npm ci failed:\n" + npm.output());
    }

    @Test
    void postgrestJsClientWorksAgainstTheGateway() throws Exception {
        Result node = run(List.of("node", "postgrest-compat.mjs"), Map.of(
                "GATEWAY_URL", ConfigProvider.getConfig().getValue("test.url", String.class),
                "TOKEN", Tokens.forSubject("alice")), 120);
        assertThat(node.output(), not(containsString("not ok")));
        assertThat(node.output(), containsString("all checks passed"));
        assertEquals(0, node.exit(), node.output());
    }

    @Test
    void committedDocumentPassesRedoclyLint() throws Exception {
        Result lint = run(List.of("npx", "--no-install", "redocly", "lint", "../../../openapi/openapi.yaml"),
                Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"), 300);
        assertEquals(0, lint.exit(), "redocly lint found errors:\n" + lint.output());
        assertThat(lint.output(), containsString("validated"));
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(JS).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        // read while it runs, so a chatty process cannot block on a full pipe
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " timed out");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        System.out.println(output);
        return new Result(process.exitValue(), output);
    }
}
