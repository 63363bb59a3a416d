package io.fdwgateway.audit;

import io.fdwgateway.logging.LogText;
import io.quarkus.runtime.QuarkusApplication;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * {@code audit [--json] [--baseline <file>]}: prints the findings on stdout and answers the exit
 * code: 0 when there is no error-level finding (none that the baseline does not accept), 1 when
 * there is, 2 when the audit could not run.
 * {@code audit --exposure [--format=json|mermaid] [--check <lockfile>]}: prints the exposure
 * graph; with {@code --check}, exit 1 when it has a path the lock lacks.
 */
public class AuditCommand implements QuarkusApplication {

    static final int CLEAN = 0;
    static final int ERRORS = 1;
    public static final int FAILED = 2;

    /** Command mode logs to stderr, so stdout carries the report alone. */
    private static final Logger LOG = Logger.getLogger(AuditCommand.class);

    private final Auditor auditor;
    private final ExposureReader exposure;

    public AuditCommand(Auditor auditor, ExposureReader exposure) {
        this.auditor = auditor;
        this.exposure = exposure;
    }

    @Override
    public int run(String... args) {
        Optional<AuditOptions> parsed = AuditOptions.parse(args);
        if (parsed.isEmpty()) {
            LOG.error(AuditOptions.USAGE);
            return FAILED;
        }
        AuditOptions options = parsed.get();
        if (options.exposure()) {
            return exposure(options);
        }
        Baseline baseline = null;
        if (options.baseline().isPresent()) {
            try {
                baseline = Baseline.read(options.baseline().get());
            } catch (IOException e) {
                LOG.error("audit failed: cannot read the baseline: " + LogText.escape(e.getMessage()));
                return FAILED;
            }
        }
        Optional<List<Finding>> findings = await(auditor.run());
        if (findings.isEmpty()) {
            return FAILED;
        }
        Predicate<Finding> accepted = baseline == null ? f -> false : baseline::accepts;
        PrintStream out = System.out;
        out.print(options.json() ? AuditReport.json(findings.get(), baseline == null ? null : accepted)
                : AuditReport.table(findings.get(), accepted));
        out.flush();
        if (baseline != null) {
            baseline.gone(findings.get()).forEach(k -> LOG.infof("baseline entry no longer found: [%s] %s",
                    LogText.escape(k.rule()), LogText.escape(k.object())));
        }
        return AuditReport.newErrors(findings.get(), accepted) > 0 ? ERRORS : CLEAN;
    }

    private int exposure(AuditOptions options) {
        Exposure lock = null;
        if (options.check().isPresent()) {
            try {
                lock = Exposure.parse(Files.readString(options.check().get(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.error("audit failed: cannot read the exposure lock " + LogText.escape(options.check().get().toString())
                        + ": " + LogText.escape(e.getMessage()));
                return FAILED;
            }
        }
        Optional<Exposure> live = await(exposure.read());
        if (live.isEmpty()) {
            return FAILED;
        }
        PrintStream out = System.out;
        if (lock == null) {
            out.print(options.mermaid() ? live.get().mermaid() : live.get().json());
            out.flush();
            return CLEAN;
        }
        List<Exposure.Path> added = live.get().addedSince(lock);
        List<Exposure.Path> removed = lock.addedSince(live.get());
        added.forEach(p -> out.println("new exposure path: " + p.arrow()));
        removed.forEach(p -> out.println("info: exposure path gone: " + p.arrow()));
        out.printf("%d path(s), %d new, %d gone since the lock%n", live.get().paths().size(), added.size(), removed.size());
        if (!added.isEmpty()) {
            out.println("review each new path; if it is intended, update the lock: audit --exposure > "
                    + options.check().get());
        }
        out.flush();
        return added.isEmpty() ? CLEAN : ERRORS;
    }

    /** The result within 60 seconds, or empty after logging why not. */
    static <T> Optional<T> await(Future<T> work) {
        try {
            return Optional.of(work.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            // The cause's message only: a connection error names host and port, never the password.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.error("audit failed: " + LogText.escape(cause.getMessage()));
        } catch (TimeoutException e) {
            LOG.error("audit failed: the database did not answer within 60 seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
