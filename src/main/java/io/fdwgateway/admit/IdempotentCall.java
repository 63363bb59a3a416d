package io.fdwgateway.admit;

import io.fdwgateway.shared.SharedStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/** What a call with an Idempotency-Key does: replay a stored answer, or run and then record its answer. */
public sealed interface IdempotentCall {

    /** The key's call has answered before: send this answer again, run nothing. */
    record Replay(StoredAnswer answer) implements IdempotentCall {
    }

    /**
     * This call holds the key's in-flight marker and runs. The marker is renewed while it runs and
     * ends with {@link #finish}: replaced by the answer, or removed when there is none to keep.
     */
    final class Run implements IdempotentCall {

        private static final Logger LOG = Logger.getLogger(Run.class);
        /** Longest a marker is renewed: far beyond any call's deadline. */
        static final Duration MAX_RENEWAL = Duration.ofHours(1);

        private final SharedStore store;
        private final String key;
        private final Buffer marker;
        private final byte[] fingerprint;
        private final Duration ttl;
        private final Vertx vertx;
        private final long renewTimer;
        private final AtomicBoolean finished = new AtomicBoolean();

        Run(SharedStore store, String key, IdempotencyRecord.Running marker, Duration ttl, Duration inFlightTtl,
            Vertx vertx) {
            this.store = store;
            this.key = key;
            this.marker = marker.encode();
            this.fingerprint = marker.fingerprint();
            this.ttl = ttl;
            this.vertx = vertx;
            long every = Math.max(1, inFlightTtl.toMillis() / 3);
            long giveUpAt = System.nanoTime() + MAX_RENEWAL.toNanos();
            this.renewTimer = vertx.setPeriodic(every, id -> {
                if (System.nanoTime() - giveUpAt > 0) {
                    // no call runs this long (its deadline ends it first): a run never finished must not hold its key forever
                    vertx.cancelTimer(id);
                    LOG.warnf("an idempotent call has not answered in %s; its in-flight marker is no longer renewed", MAX_RENEWAL);
                    return;
                }
                store.renew(key, this.marker, inFlightTtl).onComplete(ar -> {
                    if (ar.failed() || !ar.result()) {
                        // the marker is gone (store down, flushed or evicted): a repeat may now run the call again
                        LOG.warnf("an in-flight idempotency marker could not be renewed (%s)",
                                ar.failed() ? "store unavailable" : "marker gone");
                    }
                });
            });
        }

        /**
         * Records the call's answer for replay when it is final (2xx, 4xx); otherwise frees the
         * key, so that a retry runs the call again. Send the answer once this completes, so that a
         * client retrying the moment it has the answer is replayed, not told the call still runs.
         * Called once; later calls do nothing.
         *
         * @param answer the answer to send, or null when there is none (the call failed without one)
         * @return completes when the store has been written; never fails (a failure is logged)
         */
        public Future<Void> finish(StoredAnswer answer) {
            if (!finished.compareAndSet(false, true)) {
                return Future.succeededFuture();
            }
            vertx.cancelTimer(renewTimer);
            boolean keep = answer != null && answer.storable();
            var done = keep
                    ? store.replace(key, marker, new IdempotencyRecord.Done(fingerprint, answer).encode(), ttl)
                    : store.remove(key, marker);
            return done.transform(ar -> {
                if (ar.failed()) {
                    LOG.warnf("the answer of an idempotent call could not be %s: the store is unavailable;"
                            + " its key stays locked until its in-flight marker expires", keep ? "stored" : "released");
                } else if (!ar.result()) {
                    LOG.warnf("the in-flight marker of an idempotent call was gone when it answered (expired, evicted"
                            + " or the store was flushed); its answer was not %s", keep ? "stored" : "released");
                }
                return Future.<Void>succeededFuture();
            });
        }
    }
}
