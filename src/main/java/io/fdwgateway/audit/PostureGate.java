package io.fdwgateway.audit;

import io.fdwgateway.logging.LogText;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The audit as the schema cache uses it: run on every catalog load, before the catalog is
 * read, on the load's connection and in its snapshot. Findings are logged when they differ from the previous load's, so a burst of
 * reloads does not repeat them; what {@link Posture#serves} withholds is logged on every load.
 */
@ApplicationScoped
public class PostureGate {

    private static final Logger LOG = Logger.getLogger(PostureGate.class);

    private final Auditor auditor;
    private final AtomicReference<List<Finding>> lastReported = new AtomicReference<>(List.of());

    public PostureGate(Auditor auditor) {
        this.auditor = auditor;
    }

    /**
     * Audits the database behind {@code client} (the catalog load's snapshot transaction). Fails
     * when the audit cannot run, so that nothing unaudited is ever served.
     */
    public Future<Posture> check(SqlClient client) {
        return Auditor.run(client, auditor.scope()).map(findings -> {
            if (!findings.equals(lastReported.getAndSet(findings))) {
                findings.forEach(PostureGate::log);
            }
            return new Posture(findings);
        });
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
    public record Posture(List<Finding> findings) {

        public Posture {
            findings = List.copyOf(findings);
        }

        /** False, with a WARN line naming the rule and the fix, when a blocking finding concerns this function. */
        public boolean serves(long oid, String signature) {
            boolean serves = true;
            for (Finding f : findings) {
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
