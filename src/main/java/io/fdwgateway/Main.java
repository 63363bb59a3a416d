package io.fdwgateway;

import io.fdwgateway.audit.AuditCommand;
import io.fdwgateway.logging.LogText;
import io.fdwgateway.startup.RunMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * No arguments: the gateway server. {@code audit [--json]}: audit the configured database
 * once, print the findings and exit 1 on an error-level finding (a deploy-pipeline gate), 2
 * when the audit cannot run, start-up failures included (no database URL, bad configuration),
 * with one line on stderr instead of a stack trace.
 * Any other arguments run the command too, which answers them with its usage (logging is
 * only set up once Quarkus runs, so the usage is printed there).
 */
@QuarkusMain
public final class Main {

    /** Read by Quarkus when its HTTP server starts (Vert.x' name for the switch). */
    public static final String URI_VALIDATION = "vertx.disableURIValidation";

    private static final Logger LOG = Logger.getLogger(Main.class);

    private Main() {
    }

    public static void main(String... args) {
        if (args.length == 0) {
            // Quarkus answers a URL that does not parse with an empty 400 before any route runs;
            // the gateway makes the same check itself (http.RequestGuard) and answers problem+json.
            System.setProperty(URI_VALIDATION, "true");
            Quarkus.run(args);
            return;
        }
        RunMode.command();
        // when start-up fails before Quarkus configures logging, JUL's fallback format prints a
        // record on two lines; the command's messages are one line each
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%n");
        // The command needs the database only: no HTTP listener (a server may already hold the
        // port), no identity provider, and stdout kept for the report alone.
        System.setProperty("quarkus.http.host-enabled", "false");
        // the management interface cannot be switched off at run time: a port of its own choosing
        // keeps it clear of the server's
        System.setProperty("quarkus.management.port", "0");
        System.setProperty("quarkus.management.host", "127.0.0.1");
        System.setProperty("quarkus.oidc.tenant-enabled", "false");
        System.setProperty("quarkus.log.console.stderr", "true");
        // the command's lines are read by people and pipelines, not a log collector: plain text
        System.setProperty("quarkus.log.console.json.enabled", "false");
        System.setProperty("quarkus.banner.enabled", "false");
        System.setProperty("quarkus.log.level", "WARN");
        // With an exit handler of our own Quarkus does not log a failed start: we say it in one line.
        Quarkus.run(AuditCommand.class, (code, failure) -> {
            if (failure != null) {
                LOG.error("audit could not start: " + LogText.escape(reason(failure)));
                System.exit(AuditCommand.FAILED);
            }
            System.exit(code);
        }, args);
    }

    /**
     * One line on why start-up failed: the root cause's "Reason:" line when it has one (an
     * inactive datasource, that is, no database URL, is explained there), else its first line,
     * followed by the next one when the first only introduces it (configuration errors). A
     * connection failure names host and port, never a password.
     */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String line : lines) {
            if (line.startsWith("Reason: ")) {
                return line.substring("Reason: ".length());
            }
        }
        String first = lines.get(0);
        return first.endsWith(":") && lines.size() > 1 ? first + " " + lines.get(1) : first;
    }
}
