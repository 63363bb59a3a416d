package io.fdwgateway.audit;

import io.fdwgateway.logging.LogText;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The audit as the schema cache uses it: run on every catalog load, next to the catalog read
 * and in the same snapshot; the catalog is built only from what it let through. A finding is
 * logged by the first load that finds it, not again by later loads that still find it: a burst
 * of reloads does not repeat them, and a reload of a catalog of thousands of functions, each
 * with its INFO finding, logs what changed rather than all of them again. Findings are logged
 * in order on a thread of their own, so that the first load of such a catalog does not wait
 * for thousands of log lines. What {@link Posture#serves} withholds is logged on every load, by
 * the load itself.
 */
@ApplicationScoped
public class PostureGate {

    private static final Logger LOG = Logger.getLogger(PostureGate.class);

    private final Auditor auditor;
    private final AtomicReference<List<Finding>> lastReported = new AtomicReference<>(List.of());
    /** One thread: findings are logged in the order found, and off the load's event loop. */
    private final ExecutorService reporter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "posture-log");
        t.setDaemon(true);
        return t;
    });

    public PostureGate(Auditor auditor) {
        this.auditor = auditor;
    }

    /**
     * Audits the database behind {@code client} (a transaction in the catalog load's snapshot). Fails
     * when the audit cannot run, so that nothing unaudited is ever served.
     */
    public Future<Posture> check(SqlClient client) {
        return Auditor.run(client, auditor.scope()).map(findings -> {
            List<Finding> previous = lastReported.getAndSet(findings);
            if (!findings.equals(previous)) {
                Set<Finding> known = new HashSet<>(previous);
                report(findings.stream().filter(f -> !known.contains(f)).toList());
            }
            return new Posture(findings);
        });
    }

    /** Lets the findings logged so far be written; later ones are logged by the caller. */
    @PreDestroy
    void close() {
        reporter.shutdown();
    }

    private void report(List<Finding> fresh) {
        try {
            reporter.execute(() -> fresh.forEach(PostureGate::log));
        } catch (RejectedExecutionException e) {
            // stopping: log them here rather than not at all
            fresh.forEach(PostureGate::log);
        }
    }

    /** The findings of the last audit that ran (none before the first). */
    public List<Finding> lastFindings() {
        return lastReported.get();
    }

    private static void log(Finding f) {
        if (f.severity() == Severity.INFO) {
            LOG.infof("posture %s [%s] %s: %s", f.severity(), f.ruleId(), LogText.escape(f.object()),
                    LogText.escape(f.why()));
        } else {
            LOG.warnf("posture %s [%s] %s: %s Fix: %s", f.severity(), f.ruleId(), LogText.escape(f.object()),
                    LogText.escape(f.why()), LogText.escape(f.fix()));
        }
    }

    /** The findings of one audit, as a filter over the functions about to be served. */
    public record Posture(List<Finding> findings, Map<Long, List<Finding>> blockingByOid) {

        public Posture(List<Finding> findings) {
            // indexed by function: a load asks once per function, thousands of times
            this(findings, findings.stream().filter(f -> f.blocking() && f.functionOid().isPresent())
                    .collect(Collectors.groupingBy(f -> f.functionOid().getAsLong())));
        }

        public Posture {
            findings = List.copyOf(findings);
            blockingByOid = Map.copyOf(blockingByOid);
        }

        /** False, with a WARN line naming the rule and the fix, when a blocking finding concerns this function. */
        public boolean serves(long oid, String signature) {
            boolean serves = true;
            for (Finding f : blockingByOid.getOrDefault(oid, List.of())) {
                if (f.blocks(oid)) {
                    LOG.warnf("posture: not serving %s [%s]: %s Fix: %s", LogText.escape(signature), f.ruleId(),
                            LogText.escape(f.why()), LogText.escape(f.fix()));
                    serves = false;
                }
            }
            return serves;
        }
    }
}
