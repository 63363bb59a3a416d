package io.fdwgateway.warmup;

import io.fdwgateway.config.ApiPath;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.config.WarmupConfig;
import io.fdwgateway.logging.LogText;
import io.fdwgateway.startup.RunMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The self warm-up ({@code gateway.warmup.*}): once the first schema-cache load has succeeded
 * (the start-up checks are done) and the HTTP server listens, the gateway sends
 * {@code gateway.warmup.path} to its own plain-HTTP port on a few connections, until the JIT
 * has gone quiet ({@link JitWatch}) or {@code gateway.warmup.max-duration} has passed.
 * Readiness stays DOWN meanwhile ({@link WarmupHealthCheck}), so a new replica gets no traffic
 * while its first calls cost five times the steady state's CPU.
 *
 * <p>The requests carry no token: they run as {@code gateway.role.anonymous} through the whole
 * path of a client's request (route, admission and rate limits, the call, metrics, access log).
 * What they get never keeps the gateway from becoming ready; it is reported in one log line.
 */
@Singleton
public class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class);
    /** After the start-up checks (default priority), which load the schema cache first. */
    static final int AFTER_STARTUP_CHECKS = jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 100;
    /** With the other configuration checks (admit.AdmissionStartup's), before the database is touched. */
    static final int WITH_CONFIGURATION_CHECKS = 100;

    /** Where the warm-up is. */
    public enum Phase {
        /** Not configured: nothing delays readiness. */
        OFF,
        /** Configured, waiting for the start-up checks and the HTTP server. */
        WAITING,
        /** Requests are being sent. */
        RUNNING,
        /** Ended (or skipped): readiness no longer waits for it. */
        ENDED
    }

    private final WarmupConfig config;
    private final ApiPath api;
    private final Vertx vertx;
    private final HttpServer server;
    private final boolean anonymousRole;
    private final String host;
    private final boolean plainHttp;
    private final int connections;

    // guarded by this
    private Phase phase;
    private WarmupTarget target;
    private boolean checked;
    private boolean httpStarted;
    private SelfLoad load;
    private long periodic = -1;
    private long deadline = -1;
    private long startedNanos;
    private String endedBecause;

    public Warmup(GatewayConfig gateway, ApiPath api, Vertx vertx, HttpServer server,
                  @ConfigProperty(name = "quarkus.http.host") Optional<String> host,
                  @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean hostEnabled,
                  @ConfigProperty(name = "quarkus.http.insecure-requests") Optional<String> insecureRequests,
                  @ConfigProperty(name = "quarkus.vertx.event-loops-pool-size") Optional<Integer> eventLoops) {
        this.config = gateway.warmup();
        this.api = api;
        this.vertx = vertx;
        this.server = server;
        this.anonymousRole = gateway.role().anonymous().isPresent();
        this.host = loopbackFor(host.orElse(""));
        // insecure-requests=redirect or disabled: the plain port answers nothing a call could warm
        this.plainHttp = hostEnabled && insecureRequests.map(v -> v.equalsIgnoreCase("enabled")).orElse(true);
        this.connections = config.connections()
                .orElse(2 * eventLoops.filter(n -> n > 0).orElse(2 * Runtime.getRuntime().availableProcessors()));
        this.phase = enabled(config) ? Phase.WAITING : Phase.OFF;
    }

    /** Whether the warm-up is configured: a path and a max-duration above zero. */
    static boolean enabled(WarmupConfig config) {
        return config.path().isPresent() && config.maxDuration().compareTo(Duration.ZERO) > 0;
    }

    /**
     * The configuration's mistakes, each naming its key: empty when it is fine (or off).
     */
    static List<String> problems(WarmupConfig config, ApiPath api) {
        if (config.maxDuration().isNegative()) {
            return List.of("gateway.warmup.max-duration must be 0s (off) or more, not " + config.maxDuration());
        }
        if (config.path().isPresent()) {
            try {
                WarmupTarget.of(config.path().get(), api);
            } catch (IllegalArgumentException e) {
                return List.of(e.getMessage());
            }
        }
        return List.of();
    }

    /** Checks the configuration with the other configuration checks, before the database is touched. */
    void check(@Observes @Priority(WITH_CONFIGURATION_CHECKS) StartupEvent event) {
        if (!RunMode.serving()) {
            return;
        }
        List<String> problems = problems(config, api);
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.error("refusing to start: " + LogText.escape(p)));
            throw new IllegalStateException("refusing to start: " + String.join("; ", problems));
        }
    }

    /** The start-up checks have passed: the schema cache is loaded. */
    void started(@Observes @Priority(AFTER_STARTUP_CHECKS) StartupEvent event) {
        if (!RunMode.serving()) {
            end("not serving");
            return;
        }
        synchronized (this) {
            checked = true;
            if (phase != Phase.WAITING) {
                return;
            }
            if (!plainHttp) {
                endWithoutRequests("the HTTP server has no plain-HTTP port (quarkus.http.host-enabled=false, or"
                        + " quarkus.http.insecure-requests not enabled)");
                return;
            }
            target = WarmupTarget.of(config.path().orElseThrow(), api);
            // the server may have started before this observer ran, or may start after it
            if (httpStarted || server.getPort() > 0) {
                begin();
            }
        }
    }

    /** The plain-HTTP server listens. */
    void httpStarted(@ObservesAsync HttpServerStart event) {
        synchronized (this) {
            httpStarted = true;
            if (checked && phase == Phase.WAITING && target != null) {
                begin();
            }
        }
    }

    void stopped(@Observes ShutdownEvent event) {
        end("the gateway is stopping");
    }

    /** Connections the requests are sent on. */
    int connections() {
        return connections;
    }

    /** Where the warm-up is, for readiness. */
    public synchronized Phase phase() {
        return phase;
    }

    /** What its requests got so far; null before it started. */
    public synchronized WarmupTally tally() {
        return load == null ? null : load.tally();
    }

    /** Why it ended; null while it has not. */
    public synchronized String endedBecause() {
        return endedBecause;
    }

    /** Starts sending; the caller holds the lock. */
    private void begin() {
        int port = server.getPort();
        if (port <= 0) {
            endWithoutRequests("the HTTP server has no plain-HTTP port");
            return;
        }
        phase = Phase.RUNNING;
        startedNanos = System.nanoTime();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watched = jit != null && jit.isCompilationTimeMonitoringSupported();
        LOG.infof("warm-up: GET %s on %d connection(s) to %s:%d, until the JIT is quiet or %s have passed;"
                        + " not ready until then%s", LogText.escape(target.uri()), connections, host, port,
                seconds(config.maxDuration()), watched ? "" : " (this JVM does not report compilation time: the whole time)");
        load = new SelfLoad(vertx, host, port, target, connections);
        load.start().onComplete(ar -> ended());
        deadline = vertx.setTimer(Math.max(1, config.maxDuration().toMillis()), id -> end("max-duration reached"));
        if (watched) {
            JitWatch watch = new JitWatch();
            SelfLoad sending = load;
            watch.sample(System.currentTimeMillis(), jit.getTotalCompilationTime(), 0);
            periodic = vertx.setPeriodic(1000, id -> {
                if (watch.sample(System.currentTimeMillis(), jit.getTotalCompilationTime(), sending.tally().requests())) {
                    end("the JIT is quiet");
                }
            });
        }
    }

    /** Stops sending (the requests in flight finish); readiness goes UP once they have. */
    private void end(String because) {
        SelfLoad stopping;
        synchronized (this) {
            if (phase == Phase.OFF || phase == Phase.ENDED || endedBecause != null) {
                return;
            }
            endedBecause = because;
            cancelTimers();
            if (phase == Phase.WAITING) {
                phase = Phase.ENDED;
                return;
            }
            stopping = load;
        }
        stopping.stop();
    }

    private void endWithoutRequests(String because) {
        endedBecause = because;
        phase = Phase.ENDED;
        LOG.infof("warm-up skipped: %s; ready without it", because);
    }

    /** Every loop has ended: report once, and let readiness go UP. */
    private void ended() {
        WarmupTally tally;
        String because;
        double seconds;
        synchronized (this) {
            phase = Phase.ENDED;
            tally = load.tally();
            because = endedBecause;
            seconds = (System.nanoTime() - startedNanos) / 1e9;
        }
        String line = String.format(Locale.ROOT, "warm-up ended after %.1f s (%s): %d requests to %s, answers %s",
                seconds, because, tally.requests(), LogText.escape(target.uri()), tally.describe());
        if (tally.failures() == 0) {
            LOG.info(line);
            return;
        }
        Map<String, Long> outcomes = tally.outcomes();
        if (outcomes.containsKey("401") && !anonymousRole) {
            line += "; gateway.role.anonymous is unset, so the requests were refused with 401 and only the HTTP and"
                    + " authentication layers were warmed, not the call";
        }
        if (outcomes.containsKey("404")) {
            line += "; 404: the path names no function the anonymous role is served";
        }
        if (outcomes.containsKey("405")) {
            line += "; 405: the function is VOLATILE, which a GET never runs: name a STABLE or IMMUTABLE one";
        }
        LOG.warn(line + "; the gateway is ready anyway");
    }

    private void cancelTimers() {
        for (long id : new long[] {periodic, deadline}) {
            if (id != -1) {
                try {
                    vertx.cancelTimer(id);
                } catch (RuntimeException e) {
                    // Vert.x is already closed: so is the timer
                }
            }
        }
        periodic = -1;
        deadline = -1;
    }

    /** {@code 30 s}, {@code 1.5 s}: a duration as the log lines show it. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1e3);
    }

    /** The address to reach this process's listener on: loopback for a wildcard. */
    static String loopbackFor(String configured) {
        String host = configured.trim();
        return switch (host) {
            case "", "0.0.0.0", "::", "[::]", "*", "0:0:0:0:0:0:0:0" -> "127.0.0.1";
            default -> host;
        };
    }
}
