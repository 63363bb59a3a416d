package io.fdwgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bulkhead's queue and the breaker's states, on a clock the test moves. */
class ServerGuardTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private ServerGuard guard(Integer maxConcurrent, int maxQueue, Integer failures) {
        return new ServerGuard("s", new UpstreamPolicy(Optional.ofNullable(maxConcurrent), maxQueue,
                Optional.ofNullable(failures), Duration.ofSeconds(30)), now::get);
    }

    @Test
    void queuedCallsTakeFreedSlotsInOrderAndTheRestAreRefused() {
        ServerGuard g = guard(1, 2, null);
        assertTrue(g.acquire().succeeded());
        Future<Void> first = g.acquire();
        Future<Void> second = g.acquire();
        Future<Void> third = g.acquire();
        assertFalse(first.isComplete());
        assertFalse(second.isComplete());
        assertTrue(third.failed(), "beyond max-queue: refused at once");
        assertEquals(2, g.queued());
        g.releaseSlot();
        assertTrue(first.succeeded());
        assertFalse(second.isComplete());
        assertEquals(1, g.inFlight());
        g.releaseSlot();
        g.releaseSlot();
        assertTrue(second.succeeded());
        assertEquals(0, g.inFlight());
    }

    @Test
    void consecutiveFailuresOpenTheBreakerAndOneTrialDecides() {
        ServerGuard g = guard(null, 0, 2);
        g.record(Outcome.FAILURE, false);
        g.record(Outcome.SUCCESS, false);
        g.record(Outcome.FAILURE, false);
        assertEquals(ServerGuard.State.CLOSED, g.state(), "not consecutive");
        g.record(Outcome.FAILURE, false);
        assertEquals(ServerGuard.State.OPEN, g.state());
        assertEquals(30, g.refusedForSeconds());
        assertEquals(ServerGuard.Trial.REFUSED, g.claim());

        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(ServerGuard.Trial.TRIAL, g.claim());
        assertEquals(ServerGuard.Trial.REFUSED, g.claim(), "one trial at a time");
        g.record(Outcome.NEUTRAL, true);
        assertEquals(ServerGuard.Trial.TRIAL, g.claim(), "a trial that told nothing frees the place");
        g.record(Outcome.FAILURE, true);
        assertEquals(ServerGuard.State.OPEN, g.state(), "a failed trial opens it again");

        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(ServerGuard.Trial.TRIAL, g.claim());
        g.record(Outcome.SUCCESS, true);
        assertEquals(ServerGuard.State.CLOSED, g.state());
        assertEquals(ServerGuard.Trial.NORMAL, g.claim());
    }

    @Test
    void upstreamFailuresAreFdwConnectionAndTimeoutErrors() {
        assertEquals(Outcome.FAILURE, Outcome.of(database("HV00N", 502)));
        assertEquals(Outcome.FAILURE, Outcome.of(database("08001", 502)));
        assertEquals(Outcome.FAILURE, Outcome.of(database("57014", 504)));
        assertEquals(Outcome.FAILURE, Outcome.of(new GatewayException(new GatewayError.Deadline())));
        assertEquals(Outcome.SUCCESS, Outcome.of(database("P0001", 400)));
        assertEquals(Outcome.SUCCESS, Outcome.of(null));
        assertEquals(Outcome.NEUTRAL, Outcome.of(new GatewayException(new GatewayError.Unavailable(
                ErrorCode.DATABASE_UNAVAILABLE, "pool"))));
    }

    private static GatewayException database(String sqlstate, int status) {
        return new GatewayException(new GatewayError.Database(status, sqlstate, "t", "d", null));
    }
}
