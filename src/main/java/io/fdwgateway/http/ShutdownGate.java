package io.fdwgateway.http;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Whether the gateway is stopping. On SIGTERM Quarkus first runs its pre-shutdown step: the
 * readiness check goes DOWN and this gate closes, so every new request is answered 503
 * {@code GW503-shutting-down} with {@code Retry-After} (a load balancer sends the retry to
 * another replica). Calls already in flight go on; Quarkus waits for them, at most
 * {@code quarkus.shutdown.timeout}, before it closes the listener and the pool.
 */
@Singleton
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);

    private volatile boolean closed;

    void close(@Observes ShutdownDelayInitiatedEvent event) {
        closed = true;
        LOG.info("shutting down: not ready, new calls answer 503, calls in flight may finish");
    }

    /** True once shutdown has begun. */
    public boolean closed() {
        return closed;
    }
}
