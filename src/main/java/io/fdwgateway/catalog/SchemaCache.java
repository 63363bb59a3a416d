package io.fdwgateway.catalog;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.logging.LogText;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The served functions. Readers get an immutable snapshot without locking; a load swaps the
 * snapshot only when it succeeded, so a failed load keeps serving the last good one.
 *
 * <p>Loads are paced: at most one runs at a time, and one starts at most every
 * {@code reload-min-interval}, so a migration's burst of NOTIFYs, or anyone sending NOTIFY in
 * a loop, costs one load per interval. A failed load is retried with a doubling delay until
 * one succeeds, so the posture gate never stays switched off; until then
 * {@link ReloadStatus#staleSince()} says since when the catalog is unconfirmed. Every load
 * completes (a deadline bounds a load that never answers), and observers of
 * {@link CatalogReloaded} run on a thread of their own: neither a hanging load nor a failing
 * observer can keep later loads from running.
 */
@ApplicationScoped
public class SchemaCache {

    private static final Logger LOG = Logger.getLogger(SchemaCache.class);

    private final Supplier<Future<Catalog>> loader;
    private final Function<CatalogReloaded, CompletionStage<?>> publisher;
    private final Vertx vertx;
    private final Pacing pacing;
    /** One thread: observers see the reloads in order, and never on an event loop. */
    private final ExecutorService observers = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "schema-cache-observers");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Catalog> current = new AtomicReference<>(Catalog.empty());
    private final AtomicReference<ReloadStatus> status = new AtomicReference<>(ReloadStatus.INITIAL);

    // guarded by this
    private Request waiting;
    private boolean running;
    private long timer = -1;
    private long lastStartNanos;
    private boolean startedOnce;
    private long retryNotBeforeNanos;
    private int failuresInRow;
    private long generation;
    private boolean closed;

    @Inject
    public SchemaCache(CatalogLoader loader, Event<CatalogReloaded> reloaded, Vertx vertx, GatewayConfig config) {
        // fireAsync notifies every observer even when one fails; the direct executor keeps
        // them on the cache's observer thread, in order
        this(loader::load, event -> reloaded.fireAsync(event, NotificationOptions.ofExecutor(Runnable::run)), vertx,
                Pacing.of(config.catalog()));
    }

    SchemaCache(Supplier<Future<Catalog>> loader, Function<CatalogReloaded, CompletionStage<?>> publisher, Vertx vertx,
                Pacing pacing) {
        this.loader = loader;
        this.publisher = publisher;
        this.vertx = vertx;
        this.pacing = pacing;
    }

    public Catalog current() {
        return current.get();
    }

    public ReloadStatus status() {
        return status.get();
    }

    /**
     * Asks for a load that starts after this call: now, or when the pacing allows. Completes
     * with that load's snapshot, or fails with its failure (a retry is then scheduled anyway).
     */
    public Future<Catalog> reload() {
        synchronized (this) {
            if (closed) {
                return Future.failedFuture(new IllegalStateException("the schema cache is closed"));
            }
            if (waiting == null) {
                waiting = new Request(Promise.promise(), Instant.now());
                Instant since = waiting.since();
                status.updateAndGet(st -> st.staleSince() == null ? st.withStaleSince(since) : st);
            }
            Future<Catalog> answer = waiting.promise().future();
            schedule();
            return answer;
        }
    }

    /** Stops loading: pending requests fail, no retry runs any more. */
    @PreDestroy
    void close() {
        Request pending;
        synchronized (this) {
            closed = true;
            pending = waiting;
            waiting = null;
            if (timer != -1) {
                cancel(timer);
                timer = -1;
            }
        }
        if (pending != null) {
            pending.promise().tryFail(new IllegalStateException("the schema cache is closed"));
        }
        observers.shutdownNow();
    }

    /** Starts the waiting request's load as soon as the pacing allows; the caller holds the lock. */
    private void schedule() {
        if (closed || running || timer != -1 || waiting == null) {
            return;
        }
        long now = System.nanoTime();
        long earliest = startedOnce ? lastStartNanos + pacing.minInterval().toNanos() : now;
        if (failuresInRow > 0) {
            earliest = Math.max(earliest, retryNotBeforeNanos);
        }
        // a timer even for "now": the load then starts outside this lock and off the caller's thread
        long delayMillis = Math.max(1, (earliest - now + 999_999) / 1_000_000);
        timer = vertx.setTimer(delayMillis, id -> start());
    }

    private void start() {
        Request request;
        long startedNanos;
        synchronized (this) {
            timer = -1;
            if (closed || running || waiting == null) {
                return;
            }
            request = waiting;
            waiting = null;
            running = true;
            startedOnce = true;
            lastStartNanos = System.nanoTime();
            startedNanos = lastStartNanos;
        }
        Promise<Catalog> done = Promise.promise();
        long deadline = vertx.setTimer(Math.max(1, pacing.loadTimeout().toMillis()), id -> done.tryFail(
                new TimeoutException("the catalog load did not finish within " + Backoff.text(pacing.loadTimeout()))));
        Future<Catalog> load;
        try {
            load = loader.get();
        } catch (RuntimeException e) {
            load = Future.failedFuture(e);
        }
        if (load == null) {
            load = Future.failedFuture(new IllegalStateException("the catalog loader answered nothing"));
        }
        load.onComplete(ar -> {
            cancel(deadline);
            if (ar.succeeded()) {
                done.tryComplete(ar.result());
            } else {
                done.tryFail(ar.cause());
            }
        });
        done.future().onComplete(ar -> finish(request, ar, startedNanos));
    }

    private void finish(Request request, AsyncResult<Catalog> ar, long startedNanos) {
        try {
            if (ar.succeeded() && ar.result() != null) {
                succeeded(request, ar.result(), (System.nanoTime() - startedNanos) / 1_000_000);
            } else {
                failed(request, ar.succeeded() ? new IllegalStateException("the catalog loader answered null") : ar.cause());
            }
        } catch (RuntimeException e) {
            LOG.error("schema cache: unexpected failure while completing a load", LogText.escape(e));
            request.promise().tryFail(e);
        } finally {
            synchronized (this) {
                running = false;
                schedule();
            }
        }
    }

    private void succeeded(Request request, Catalog catalog, long millis) {
        current.set(catalog);
        long thisGeneration;
        int failedBefore;
        synchronized (this) {
            failedBefore = failuresInRow;
            failuresInRow = 0;
            thisGeneration = ++generation;
            // requests that came in while this load ran still wait for a load of their own
            Instant staleSince = waiting == null ? null : waiting.since();
            status.updateAndGet(st -> new ReloadStatus(true, st.loads() + 1, st.failures(), null, staleSince));
        }
        if (failedBefore > 0) {
            LOG.infof("schema cache loaded after %d failed attempt(s): %d functions served (load: %d ms)", failedBefore,
                    catalog.size(), millis);
        } else {
            LOG.infof("schema cache loaded: %d functions served (load: %d ms)", catalog.size(), millis);
        }
        publish(new CatalogReloaded(catalog, thisGeneration));
        request.promise().tryComplete(catalog);
    }

    private void failed(Request request, Throwable cause) {
        Duration retryIn;
        int attempt;
        synchronized (this) {
            attempt = ++failuresInRow;
            retryIn = pacing.backoff(attempt);
            retryNotBeforeNanos = System.nanoTime() + retryIn.toNanos();
            // the catalog stays unconfirmed: a retry is owed to this request and anyone asking meanwhile
            if (waiting == null && !closed) {
                waiting = new Request(Promise.promise(), request.since());
            }
            status.updateAndGet(st -> new ReloadStatus(st.loaded(), st.loads(), st.failures() + 1,
                    cause.getClass().getSimpleName(),
                    st.staleSince() == null ? request.since() : st.staleSince()));
        }
        if (attempt == 1) {
            LOG.errorf("schema cache load failed, still serving the previous %d functions; retrying in %s, then less"
                    + " and less often up to every %s: %s", current.get().size(), Backoff.text(retryIn),
                    Backoff.text(pacing.maxBackoff()), LogText.escape(cause.getMessage()));
        } else {
            LOG.debugf("schema cache load failed again (attempt %d), retrying in %s: %s", attempt, Backoff.text(retryIn),
                    LogText.escape(cause.getMessage()));
        }
        request.promise().tryFail(cause);
    }

    private void publish(CatalogReloaded event) {
        try {
            observers.execute(() -> {
                try {
                    publisher.apply(event).whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            LOG.errorf(LogText.escape(failure), "an observer of the schema cache failed on load %d",
                                    event.generation());
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.errorf(LogText.escape(e), "an observer of the schema cache failed on load %d",
                            event.generation());
                }
            });
        } catch (RuntimeException e) {
            // the executor is shut down: the gateway is stopping
            LOG.debugf("schema cache load %d not published: %s", event.generation(), e.getMessage());
        }
    }

    private void cancel(long timerId) {
        try {
            vertx.cancelTimer(timerId);
        } catch (RuntimeException e) {
            // Vert.x is already closed: so is the timer
        }
    }

    private record Request(Promise<Catalog> promise, Instant since) {
    }

    /**
     * How loads are paced (from {@code gateway.catalog.*}).
     *
     * @param minInterval shortest time between the starts of two loads; first retry delay
     * @param maxBackoff  longest retry delay
     * @param loadTimeout deadline of one load
     */
    record Pacing(Duration minInterval, Duration maxBackoff, Duration loadTimeout) {

        static Pacing of(GatewayConfig.CatalogConfig config) {
            return new Pacing(config.reloadMinInterval(), config.retryMaxBackoff(), config.loadTimeout());
        }

        /** Delay before retry number {@code attempt} (1 = the first): min-interval, doubled each time, capped. */
        Duration backoff(int attempt) {
            return Backoff.delay(minInterval.isZero() ? Duration.ofMillis(100) : minInterval, maxBackoff, attempt);
        }
    }

    /**
     * How loading has gone so far.
     *
     * @param loaded      whether any load succeeded (the gateway serves nothing before)
     * @param loads       successful loads
     * @param failures    failed loads (each kept the previous snapshot)
     * @param lastFailure kind of the latest failure when the latest load failed, else null
     * @param staleSince  since when a load has been owed (asked for, or retrying after a
     *                    failure) without one succeeding; null when the catalog is current
     */
    public record ReloadStatus(boolean loaded, long loads, long failures, String lastFailure, Instant staleSince) {

        static final ReloadStatus INITIAL = new ReloadStatus(false, 0, 0, null, null);

        ReloadStatus withStaleSince(Instant since) {
            return new ReloadStatus(loaded, loads, failures, lastFailure, since);
        }

        /** How long the catalog has been unconfirmed at {@code now}; zero when it is current. */
        public Duration staleFor(Instant now) {
            return staleSince == null || now.isBefore(staleSince) ? Duration.ZERO : Duration.between(staleSince, now);
        }
    }

    /**
     * Published, on the cache's observer thread, after every successful load, for anything
     * derived from the catalog. Observe it with {@code @ObservesAsync}.
     *
     * @param generation increases with every load, so a consumer can keep the newest
     */
    public record CatalogReloaded(Catalog catalog, long generation) {
    }
}
