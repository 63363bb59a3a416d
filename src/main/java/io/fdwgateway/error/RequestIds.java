package io.fdwgateway.error;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * One id per request, shared by the log lines and the problem body, so an operator can find
 * what a client reports. Client-supplied ids are not trusted: they would let a client forge
 * log entries.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "fdw-gateway.request-id";

    private RequestIds() {
    }

    public static String of(RoutingContext context) {
        if (context == null) {
            return UUID.randomUUID().toString();
        }
        String id = context.get(KEY);
        if (id == null) {
            id = UUID.randomUUID().toString();
            context.put(KEY, id);
        }
        return id;
    }
}
