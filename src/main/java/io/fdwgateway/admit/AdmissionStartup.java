package io.fdwgateway.admit;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.config.StoreKind;
import io.fdwgateway.startup.RunMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Checks the admit stage's configuration before anything else starts (values that do not parse
 * have already stopped start-up, named by their key): a {@code redis} store needs
 * {@code quarkus.redis.hosts}. Injecting the rate limiter and the idempotency check builds their
 * stores at start rather than on the first call. Logs what is in force.
 */
@Singleton
public class AdmissionStartup {

    private static final Logger LOG = Logger.getLogger(AdmissionStartup.class);
    /** Before the database checks: configuration mistakes are reported first. */
    static final int PRIORITY = 100;

    private final GatewayConfig config;
    private final RateLimiter limiter;
    private final Idempotency idempotency;

    public AdmissionStartup(GatewayConfig config, RateLimiter limiter, Idempotency idempotency) {
        this.config = config;
        this.limiter = limiter;
        this.idempotency = idempotency;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        if (!RunMode.serving()) {
            return;
        }
        List<String> problems = problems(config, ConfigProvider.getConfig()
                .getOptionalValue("quarkus.redis.hosts", String.class));
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.error("refusing to start: " + p));
            throw new IllegalStateException("refusing to start: " + String.join("; ", problems));
        }
        RateLimitPolicy policy = new RateLimitPolicy(config.rateLimit());
        if (policy.any()) {
            LOG.infof("rate limits (%s store, Redis failure: %s): %s", lower(config.rateLimit().store()),
                    config.rateLimit().redisFailure().name().toLowerCase(), policy.describe());
        }
        LOG.infof("idempotency keys: %s store, answers kept %s", lower(config.idempotency().store()),
                RateLimitPolicy.human(config.idempotency().ttl()));
    }

    static List<String> problems(GatewayConfig config, Optional<String> redisHosts) {
        List<String> problems = new ArrayList<>();
        boolean hosts = redisHosts.filter(h -> !h.isBlank()).isPresent();
        if (config.rateLimit().store() == StoreKind.REDIS && !hosts) {
            problems.add("gateway.rate-limit.store=redis needs quarkus.redis.hosts (e.g. redis://redis:6379)");
        }
        if (config.idempotency().store() == StoreKind.REDIS && !hosts) {
            problems.add("gateway.idempotency.store=redis needs quarkus.redis.hosts (e.g. redis://redis:6379)");
        }
        return problems;
    }

    private static String lower(StoreKind kind) {
        return kind.name().toLowerCase();
    }
}
