package io.fdwgateway.upstream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * One foreign server's bulkhead and circuit breaker. The bulkhead lets {@code max-concurrent}
 * calls in at once and {@code max-queue} more wait; the breaker opens after
 * {@code breaker.failures} consecutive upstream failures, refuses every call for
 * {@code open-for}, then lets exactly one trial call through, whose outcome closes it or opens
 * it again. All state changes happen under this object's lock; the calls' event loops share it.
 */
final class ServerGuard {

    /** The breaker's states, as the {@code gateway_upstream_breaker_state} gauge shows them. */
    enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final String server;
    private final UpstreamPolicy policy;
    private final LongSupplier nanos;
    private final Deque<Waiting> queue = new ArrayDeque<>();
    private int inFlight;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openUntil;
    private boolean trialInFlight;

    ServerGuard(String server, UpstreamPolicy policy, LongSupplier nanos) {
        this.server = server;
        this.policy = policy;
        this.nanos = nanos;
    }

    String server() {
        return server;
    }

    UpstreamPolicy policy() {
        return policy;
    }

    /** Seconds until a trial call may pass, or 0 when the breaker lets calls through now. */
    synchronized long refusedForSeconds() {
        if (state == State.OPEN) {
            long left = openUntil - nanos.getAsLong();
            if (left > 0) {
                return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
            }
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return state == State.HALF_OPEN && trialInFlight ? 1 : 0;
    }

    /**
     * A slot, now or once one frees; a failed future when every slot and queue place is taken.
     * The waiting call resumes on its own Vert.x context.
     */
    Future<Void> acquire() {
        Promise<Void> slot = Promise.promise();
        synchronized (this) {
            if (policy.maxConcurrent().isEmpty() || inFlight < policy.maxConcurrent().get()) {
                inFlight++;
                return Future.succeededFuture();
            }
            if (queue.size() >= policy.maxQueue()) {
                return Future.failedFuture(new Busy());
            }
            queue.add(new Waiting(slot, Vertx.currentContext()));
        }
        return slot.future();
    }

    /** Hands the slot to the first waiting call, or frees it. */
    void releaseSlot() {
        Waiting next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        if (next.context() != null) {
            next.context().runOnContext(v -> next.slot().complete());
        } else {
            next.slot().complete();
        }
    }

    /** Whether this call may go on; true makes it the trial call when the breaker is half-open. */
    synchronized Trial claim() {
        if (refusedForSeconds() > 0) {
            return Trial.REFUSED;
        }
        if (state == State.HALF_OPEN) {
            trialInFlight = true;
            return Trial.TRIAL;
        }
        return Trial.NORMAL;
    }

    /** Records a call's outcome; {@code trial} when it was the half-open breaker's trial call. */
    synchronized void record(Outcome outcome, boolean trial) {
        if (policy.breakerFailures().isEmpty()) {
            return;
        }
        if (trial) {
            trialInFlight = false;
            if (outcome == Outcome.FAILURE) {
                open();
            } else if (outcome == Outcome.SUCCESS) {
                state = State.CLOSED;
                consecutiveFailures = 0;
            }
            return;
        }
        if (state != State.CLOSED) {
            return; // started before the breaker opened: the trial decides
        }
        if (outcome == Outcome.SUCCESS) {
            consecutiveFailures = 0;
        } else if (outcome == Outcome.FAILURE && ++consecutiveFailures >= policy.breakerFailures().get()) {
            open();
        }
    }

    private void open() {
        state = State.OPEN;
        openUntil = nanos.getAsLong() + policy.openFor().toNanos();
        consecutiveFailures = 0;
    }

    synchronized State state() {
        if (state == State.OPEN && openUntil - nanos.getAsLong() <= 0) {
            return State.HALF_OPEN;
        }
        return state;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int queued() {
        return queue.size();
    }

    /** What {@link #claim()} decided. */
    enum Trial {
        NORMAL, TRIAL, REFUSED
    }

    /** Every slot and queue place is taken. */
    static final class Busy extends RuntimeException {
        Busy() {
            super("busy", null, false, false);
        }
    }

    private record Waiting(Promise<Void> slot, Context context) {
    }
}
