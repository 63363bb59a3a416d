package io.fdwgateway.catalog;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The served functions. Readers get an immutable snapshot without locking; a reload swaps
 * the snapshot only when it succeeded, so a failed reload keeps serving the last good one.
 * Reloads asked for while one runs are coalesced into one more run: a migration sends a
 * NOTIFY per DDL command, and one catalog read after the burst is enough.
 */
@ApplicationScoped
public class SchemaCache {

    private static final Logger LOG = Logger.getLogger(SchemaCache.class);

    private final CatalogLoader loader;
    private final Event<CatalogReloaded> reloaded;
    private final AtomicReference<Catalog> current = new AtomicReference<>(Catalog.empty());
    private final AtomicReference<ReloadStatus> status = new AtomicReference<>(new ReloadStatus(false, 0, 0, null));
    private final Object lock = new Object();
    private Promise<Catalog> running;
    private Promise<Catalog> queued;

    public SchemaCache(CatalogLoader loader, Event<CatalogReloaded> reloaded) {
        this.loader = loader;
        this.reloaded = reloaded;
    }

    public Catalog current() {
        return current.get();
    }

    public ReloadStatus status() {
        return status.get();
    }

    /** Loads the catalog now, or once after the load in progress; completes with the new snapshot. */
    public Future<Catalog> reload() {
        synchronized (lock) {
            if (running == null) {
                running = Promise.promise();
                Promise<Catalog> mine = running;
                start(mine);
                return mine.future();
            }
            if (queued == null) {
                queued = Promise.promise();
            }
            return queued.future();
        }
    }

    private void start(Promise<Catalog> promise) {
        loader.load().onComplete(ar -> {
            if (ar.succeeded()) {
                Catalog catalog = ar.result();
                current.set(catalog);
                status.updateAndGet(st -> new ReloadStatus(true, st.loads() + 1, st.failures(), null));
                LOG.infof("schema cache loaded: %d functions served", catalog.size());
                reloaded.fire(new CatalogReloaded(catalog));
                promise.complete(catalog);
            } else {
                LOG.errorf("schema cache reload failed, still serving the previous %d functions: %s",
                        current.get().size(), ar.cause().getMessage());
                status.updateAndGet(st -> new ReloadStatus(st.loaded(), st.loads(), st.failures() + 1,
                        ar.cause().getClass().getSimpleName()));
                promise.fail(ar.cause());
            }
            Promise<Catalog> next;
            synchronized (lock) {
                next = queued;
                queued = null;
                running = next;
            }
            if (next != null) {
                start(next);
            }
        });
    }

    /**
     * How loading has gone so far.
     *
     * @param loaded      whether any load succeeded (the gateway serves nothing before)
     * @param loads       successful loads
     * @param failures    failed reloads (each kept the previous snapshot)
     * @param lastFailure kind of the latest failure when the latest attempt failed, else null
     */
    public record ReloadStatus(boolean loaded, long loads, long failures, String lastFailure) {
    }

    /** Fired after every successful load, for anything derived from the catalog. */
    public record CatalogReloaded(Catalog catalog) {
    }
}
