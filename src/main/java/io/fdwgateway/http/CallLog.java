package io.fdwgateway.http;

import io.fdwgateway.logging.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Where every request the gateway answers ends: one {@link CallRecord} per request, written
 * by {@link ResponseWriter} once the answer is sent. The access record and the metrics of a
 * call belong here and nowhere else.
 */
@ApplicationScoped
public class CallLog {

    private static final Logger LOG = Logger.getLogger(CallLog.class);

    public void ended(CallRecord call) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("[%s] %s %s -> %d%s role=%s %d bytes in %.1f ms%s", call.requestId(),
                    LogText.escape(call.method()), LogText.escape(call.function()), call.status(),
                    call.code() == null ? "" : " " + call.code(), call.role(),
                    call.bytes(), call.durationNanos() / 1e6, call.clientGone() ? " (client gone)" : "");
        }
    }
}
