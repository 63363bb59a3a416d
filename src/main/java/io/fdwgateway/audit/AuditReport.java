package io.fdwgateway.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders findings for people (a table) and for pipelines (JSON). */
public final class AuditReport {

    private AuditReport() {
    }

    public static String table(List<Finding> findings) {
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
                        f.object() + (f.blocking() && f.functionOid().isPresent() ? "  [never served]" : "")));
                sb.append(indent).append("why: ").append(f.why()).append('\n');
                sb.append(indent).append("fix: ").append(f.fix()).append('\n');
            }
        }
        Map<Severity, Integer> counts = counts(findings);
        sb.append(String.format("%n%d error(s), %d warning(s), %d info%n", counts.get(Severity.ERROR),
                counts.get(Severity.WARNING), counts.get(Severity.INFO)));
        return sb.toString();
    }

    public static String json(List<Finding> findings) {
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
            items.add(item);
        }
        JsonObject summary = new JsonObject();
        counts(findings).forEach((severity, n) -> summary.put(severity.name().toLowerCase(Locale.ROOT), n));
        return new JsonObject().put("findings", items).put("summary", summary).encodePrettily() + "\n";
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
