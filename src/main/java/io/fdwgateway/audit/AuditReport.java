package io.fdwgateway.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Renders findings for people (a table) and for pipelines (JSON). */
public final class AuditReport {

    private AuditReport() {
    }

    public static String table(List<Finding> findings) {
        return table(findings, f -> false);
    }

    /** The table; findings {@code accepted} by a baseline are marked {@code [baseline]}. */
    public static String table(List<Finding> findings, Predicate<Finding> accepted) {
        int ruleWidth = Math.max("RULE".length(), findings.stream().mapToInt(f -> f.ruleId().length()).max().orElse(0));
        String row = "%-8s  %-" + ruleWidth + "s  %s%n";
        String indent = " ".repeat(10 + ruleWidth);
        StringBuilder sb = new StringBuilder();
        if (findings.isEmpty()) {
            sb.append("No findings.\n");
        } else {
            sb.append(String.format(row, "SEVERITY", "RULE", "OBJECT"));
            for (Finding f : findings) {
                sb.append(String.format(row, f.severity(), f.ruleId(),
                        f.object() + (f.blocking() && f.functionOid().isPresent() ? "  [never served]" : "")
                                + (accepted.test(f) ? "  [baseline]" : "")));
                sb.append(indent).append("why: ").append(f.why()).append('\n');
                sb.append(indent).append("fix: ").append(f.fix()).append('\n');
            }
        }
        Map<Severity, Integer> counts = counts(findings);
        sb.append(String.format("%n%d error(s), %d warning(s), %d info%n", counts.get(Severity.ERROR),
                counts.get(Severity.WARNING), counts.get(Severity.INFO)));
        long baselined = findings.stream().filter(accepted).count();
        if (baselined > 0) {
            sb.append(String.format("%d accepted by the baseline, %d new error(s)%n", baselined, newErrors(findings, accepted)));
        }
        return sb.toString();
    }

    public static String json(List<Finding> findings) {
        return json(findings, null);
    }

    /**
     * The JSON report; with a baseline ({@code accepted} not null) each finding says whether the
     * baseline accepts it, and the summary counts the errors it does not.
     */
    public static String json(List<Finding> findings, Predicate<Finding> accepted) {
        JsonArray items = new JsonArray();
        for (Finding f : findings) {
            JsonObject item = new JsonObject()
                    .put("severity", f.severity().name())
                    .put("rule", f.ruleId())
                    .put("object", f.object())
                    .put("why", f.why())
                    .put("fix", f.fix())
                    .put("blocking", f.blocking());
            f.functionOid().ifPresent(oid -> item.put("functionOid", oid));
            if (accepted != null) {
                item.put("baselined", accepted.test(f));
            }
            items.add(item);
        }
        JsonObject summary = new JsonObject();
        counts(findings).forEach((severity, n) -> summary.put(severity.name().toLowerCase(Locale.ROOT), n));
        if (accepted != null) {
            summary.put("newErrors", newErrors(findings, accepted));
        }
        return new JsonObject().put("findings", items).put("summary", summary).encodePrettily() + "\n";
    }

    /** Error findings the baseline does not accept: what fails the command. */
    public static long newErrors(List<Finding> findings, Predicate<Finding> accepted) {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR && !accepted.test(f)).count();
    }

    private static Map<Severity, Integer> counts(List<Finding> findings) {
        Map<Severity, Integer> counts = new TreeMap<>();
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }
}
