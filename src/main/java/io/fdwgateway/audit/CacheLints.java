package io.fdwgateway.audit;

import io.fdwgateway.catalog.CachePolicy;
import io.fdwgateway.catalog.Directives;
import io.fdwgateway.catalog.Volatility;
import java.util.List;
import java.util.OptionalLong;

/**
 * The audit's view of {@code @cache} lines: the same decision the catalog makes
 * ({@link CachePolicy#decide}), reported when it refuses to cache.
 */
final class CacheLints {

    private CacheLints() {
    }

    static List<Finding> check(long oid, String signature, Directives directives, Volatility volatility, String body) {
        CachePolicy.Decision decision = CachePolicy.decide(directives, volatility, body, () -> "");
        if (decision.refusal() == null) {
            return List.of();
        }
        String object = "function " + signature;
        return switch (decision.refusal()) {
            case MALFORMED -> List.of(finding("cache-directive-invalid", oid, object + " @cache "
                    + String.join(" | ", directives.arguments(Directives.CACHE)),
                    "-- write one line: @cache 60s, or @cache 5m vary sub,org_id"));
            case VOLATILE -> List.of(finding("cache-on-volatile", oid, object,
                    "alter routine " + signature + " stable; -- only if it reads and writes nothing; else drop the @cache line"));
            case VARY_MISSES_CLAIMS -> List.of(finding("cache-vary-reads-other-claims", oid,
                    object + " (reads " + String.join(", ", decision.unvaried()) + ")",
                    "-- add " + String.join(", ", decision.unvaried()) + " to the vary list of its @cache line, or drop vary"
                            + " (the key then holds every claim)"));
        };
    }

    private static Finding finding(String ruleId, long oid, String object, String fix) {
        Rule rule = Rule.byId(ruleId);
        return new Finding(rule.severity(), rule.id(), object, rule.why(), fix, OptionalLong.of(oid), rule.blocking());
    }
}
