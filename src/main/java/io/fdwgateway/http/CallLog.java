package io.fdwgateway.http;

import io.fdwgateway.observe.Observation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Where every request the gateway answers ends: one {@link CallRecord} per request, written
 * by {@link ResponseWriter} once the answer is sent, turned into the one {@link Observation}
 * that the access log and the metrics (package {@code observe}) read. Nothing else in the
 * gateway records calls.
 */
@ApplicationScoped
public class CallLog {

    private final Event<Observation> observers;

    public CallLog(Event<Observation> observers) {
        this.observers = observers;
    }

    public void ended(CallRecord call) {
        observers.fire(new Observation(call.requestId(), call.method(), call.function(), call.role(),
                call.subject(), call.status(), call.code(), call.authFailure(), call.bytes(), call.durationNanos(),
                call.traceId(), call.clientGone()));
    }
}
