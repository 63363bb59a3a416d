package io.fdwgateway.observe;

import io.fdwgateway.audit.Finding;
import io.fdwgateway.audit.PostureGate;
import io.fdwgateway.audit.Severity;
import io.fdwgateway.auth.VerifiedTokenCache;
import io.fdwgateway.catalog.SchemaCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Metrics read from the gateway's state when Prometheus scrapes, not counted on the hot path:
 * the schema cache ({@code gateway_catalog_*}), the posture audit's findings
 * ({@code gateway_posture_findings{severity}}) and the verified-token cache
 * ({@code gateway_token_cache_*}). Registered once at start, and removed at shutdown: the
 * registry can outlive the application (the global one, in a JVM that starts it again, as the
 * tests do), and a meter left behind would read beans that are gone and fail every scrape.
 */
@Singleton
public class StateMetrics {

    private final MeterRegistry registry;
    private final SchemaCache cache;
    private final PostureGate posture;
    private final VerifiedTokenCache tokens;
    private final List<Meter> registered = new ArrayList<>();

    public StateMetrics(MeterRegistry registry, SchemaCache cache, PostureGate posture, VerifiedTokenCache tokens) {
        this.registry = registry;
        this.cache = cache;
        this.posture = posture;
        this.tokens = tokens;
    }

    void register(@Observes StartupEvent start) {
        register();
    }

    void unregister(@Observes ShutdownEvent stop) {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private void register() {
        registered.add(FunctionCounter.builder("gateway.catalog.reloads", cache, c -> c.status().loads())
                .description("Schema cache loads, by result").tag("result", "success").register(registry));
        registered.add(FunctionCounter.builder("gateway.catalog.reloads", cache, c -> c.status().failures())
                .description("Schema cache loads, by result").tag("result", "failure").register(registry));
        registered.add(Gauge.builder("gateway.catalog.functions", cache, c -> c.current().size())
                .description("Functions served").register(registry));
        registered.add(Gauge.builder("gateway.catalog.withheld", cache, c -> c.current().withheld())
                .description("Exposed functions the posture audit keeps from being served").register(registry));
        for (Severity severity : Severity.values()) {
            registered.add(Gauge.builder("gateway.posture.findings", posture, p -> count(p, severity))
                    .description("Findings of the last posture audit, by severity")
                    .tag("severity", severity.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        registered.add(FunctionCounter.builder("gateway.token.cache.hits", tokens, t -> t.statistics().hits())
                .description("Bearer tokens found already verified").register(registry));
        registered.add(FunctionCounter.builder("gateway.token.cache.misses", tokens, t -> t.statistics().misses())
                .description("Bearer tokens verified in full").register(registry));
        registered.add(FunctionCounter.builder("gateway.token.cache.evictions", tokens, t -> t.statistics().evictions())
                .description("Verified tokens dropped, by size or expiry").register(registry));
        registered.add(Gauge.builder("gateway.token.cache.size", tokens, t -> t.statistics().size())
                .description("Verified tokens remembered").register(registry));
    }

    private static long count(PostureGate gate, Severity severity) {
        long n = 0;
        for (Finding f : gate.lastFindings()) {
            if (f.severity() == severity) {
                n++;
            }
        }
        return n;
    }
}
