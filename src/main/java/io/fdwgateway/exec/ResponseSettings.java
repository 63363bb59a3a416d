package io.fdwgateway.exec;

import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.FunctionResponse;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.logging.LogText;
import org.jboss.logging.Logger;

/**
 * Reads {@code response.status} and {@code response.headers} as the call left them. A header a
 * function may not set is left out and logged; settings that are not what PostgREST documents
 * are the function author's mistake, answered 500 and logged with the function's name.
 */
final class ResponseSettings {

    private static final Logger LOG = Logger.getLogger(ResponseSettings.class);

    private ResponseSettings() {
    }

    static FunctionResponse read(String status, String headers, CallSession session, CallPlan plan) {
        String routine = plan.routine().signature();
        try {
            return FunctionResponse.of(status, headers, name -> LOG.warnf(
                    "[%s] %s set response header %s, which a function may not set: left out", session.requestId(),
                    LogText.escape(routine), LogText.escape(name)));
        } catch (FunctionResponse.InvalidSetting e) {
            LOG.errorf("[%s] %s: %s", session.requestId(), LogText.escape(routine), e.getMessage());
            throw new GatewayException(new GatewayError.Internal());
        }
    }
}
