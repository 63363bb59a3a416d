package io.fdwgateway.audit;

import io.fdwgateway.logging.LogText;
import io.quarkus.runtime.QuarkusApplication;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * {@code audit [--json]}: prints the findings on stdout and answers the exit code: 0 when
 * there is no error-level finding, 1 when there is, 2 when the audit could not run.
 */
public class AuditCommand implements QuarkusApplication {

    static final int CLEAN = 0;
    static final int ERRORS = 1;
    public static final int FAILED = 2;

    /** Command mode logs to stderr, so stdout carries the report alone. */
    private static final Logger LOG = Logger.getLogger(AuditCommand.class);

    private final Auditor auditor;

    public AuditCommand(Auditor auditor) {
        this.auditor = auditor;
    }

    @Override
    public int run(String... args) {
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        if (args.length == 0 || !"audit".equals(args[0]) || !options.stream().allMatch("--json"::equals)) {
            LOG.error("""
                    usage: quarkus-run.jar                  serve the gateway
                           quarkus-run.jar audit [--json]   audit the database; exit 1 on an error finding""");
            return FAILED;
        }
        List<Finding> findings;
        try {
            findings = auditor.run().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // The cause's message only: a connection error names host and port, never the password.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.error("audit failed: " + LogText.escape(cause.getMessage()));
            return FAILED;
        } catch (TimeoutException e) {
            LOG.error("audit failed: the database did not answer within 60 seconds");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
        PrintStream out = System.out;
        out.print(options.contains("--json") ? AuditReport.json(findings) : AuditReport.table(findings));
        out.flush();
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR) ? ERRORS : CLEAN;
    }
}
