package io.fdwgateway.upstream;

import io.fdwgateway.catalog.Routine;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.logging.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The "guard upstream" stage: before a call takes a database connection, every foreign server
 * its function reaches must let it through. An open breaker answers 503 {@code
 * GW503-upstream-open} with {@code Retry-After}; a full budget (slots and queue) answers 503
 * {@code GW503-upstream-busy} at once. Neither does any database work. Servers are entered in
 * name order, so two calls reaching the same servers never wait on each other crosswise.
 */
@ApplicationScoped
public class UpstreamGuard {

    private static final Logger LOG = Logger.getLogger(UpstreamGuard.class);

    private final GatewayConfig config;
    private final MeterRegistry registry;
    private final Map<String, ServerGuard> guards = new ConcurrentHashMap<>();

    public UpstreamGuard(GatewayConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Lets the call in, or fails with the 503 to answer; the passage must be left with {@link Passage#exit}. */
    public Future<Passage> enter(Routine routine) {
        List<ServerGuard> reached = routine.reach().servers().stream().sorted().map(this::guard)
                .filter(g -> g.policy().guards()).toList();
        if (reached.isEmpty()) {
            return Future.succeededFuture(Passage.NONE);
        }
        for (ServerGuard g : reached) {
            long wait = g.refusedForSeconds();
            if (wait > 0) {
                return refuseOpen(routine, g, wait);
            }
        }
        return acquire(routine, reached, 0, new ArrayList<>()).compose(slots -> claim(routine, reached));
    }

    private Future<List<ServerGuard>> acquire(Routine routine, List<ServerGuard> reached, int i, List<ServerGuard> held) {
        if (i == reached.size()) {
            return Future.succeededFuture(held);
        }
        ServerGuard g = reached.get(i);
        return g.acquire().recover(busy -> {
            held.forEach(ServerGuard::releaseSlot);
            rejected(g, "busy");
            LOG.debugf("%s: foreign server %s has every slot and queue place taken", LogText.escape(routine.signature()),
                    LogText.escape(g.server()));
            return Future.failedFuture(new GatewayException(new GatewayError.UpstreamBusy()));
        }).compose(slot -> {
            held.add(g);
            return acquire(routine, reached, i + 1, held);
        });
    }

    private Future<Passage> claim(Routine routine, List<ServerGuard> reached) {
        List<ServerGuard> trials = new ArrayList<>();
        for (ServerGuard g : reached) {
            ServerGuard.Trial trial = g.claim();
            if (trial == ServerGuard.Trial.REFUSED) {
                trials.forEach(t -> t.record(Outcome.NEUTRAL, true));
                reached.forEach(ServerGuard::releaseSlot);
                return refuseOpen(routine, g, Math.max(1, g.refusedForSeconds()));
            }
            if (trial == ServerGuard.Trial.TRIAL) {
                trials.add(g);
                LOG.infof("foreign server %s: breaker half-open, %s is the trial call", LogText.escape(g.server()),
                        LogText.escape(routine.signature()));
            }
        }
        return Future.succeededFuture(new Passage(reached, trials));
    }

    private Future<Passage> refuseOpen(Routine routine, ServerGuard g, long seconds) {
        rejected(g, "open");
        LOG.debugf("%s: foreign server %s has its breaker open", LogText.escape(routine.signature()),
                LogText.escape(g.server()));
        return Future.failedFuture(new GatewayException(new GatewayError.UpstreamOpen(seconds)));
    }

    private ServerGuard guard(String server) {
        return guards.computeIfAbsent(server, name -> {
            UpstreamPolicy policy = UpstreamPolicy.of(name, config);
            ServerGuard g = new ServerGuard(name, policy, System::nanoTime);
            if (policy.guards()) {
                LOG.infof("foreign server %s: %s", LogText.escape(name), policy.describe());
                Gauge.builder("gateway.upstream.breaker.state", g, s -> s.state().ordinal())
                        .description("Circuit breaker of a foreign server: 0 closed, 1 open, 2 half-open")
                        .tag("server", name).register(registry);
                Gauge.builder("gateway.upstream.in.flight", g, ServerGuard::inFlight)
                        .description("Calls in flight to a foreign server").tag("server", name).register(registry);
                Gauge.builder("gateway.upstream.queued", g, ServerGuard::queued)
                        .description("Calls waiting for a slot of a foreign server").tag("server", name).register(registry);
            }
            return g;
        });
    }

    private void rejected(ServerGuard g, String reason) {
        Counter.builder("gateway.upstream.rejected")
                .description("Calls refused with 503 by a foreign server's budget (busy) or breaker (open)")
                .tag("server", g.server()).tag("reason", reason).register(registry).increment();
    }

    /** A call let through: leave it with the call's failure, or null when it succeeded. */
    public static final class Passage {

        static final Passage NONE = new Passage(List.of(), List.of());

        private final List<ServerGuard> entered;
        private final List<ServerGuard> trials;

        private Passage(List<ServerGuard> entered, List<ServerGuard> trials) {
            this.entered = entered;
            this.trials = trials;
        }

        public void exit(Throwable failure) {
            Outcome outcome = Outcome.of(failure);
            for (ServerGuard g : entered) {
                boolean trial = trials.contains(g);
                ServerGuard.State before = g.state();
                g.record(outcome, trial);
                ServerGuard.State after = g.state();
                if (before != after) {
                    LOG.warnf("foreign server %s: breaker %s", LogText.escape(g.server()),
                            after.name().toLowerCase().replace('_', '-'));
                }
                g.releaseSlot();
            }
        }
    }
}
