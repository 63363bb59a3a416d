package io.fdwgateway.logging;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;

/**
 * One id per request, shared by the log lines and the problem body, so an operator can find
 * what a client reports. Client-supplied ids are not trusted: they would let a client forge
 * log entries. Ids need to be unique, not unguessable, so they come from a per-thread random
 * generator rather than UUID.randomUUID(), whose shared SecureRandom is a point of contention
 * on the hot path.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key of the request id (a key of the JSON log's {@code mdc} object). */
    public static final String MDC_KEY = "requestId";
    private static final String KEY = "fdw-gateway.request-id";

    private RequestIds() {
    }

    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    public static String of(RoutingContext context) {
        if (context == null) {
            return newId();
        }
        String id = context.get(KEY);
        if (id == null) {
            id = newId();
            context.put(KEY, id);
            // Quarkus keeps the MDC of a request in its Vert.x (duplicated) context: every line
            // logged while the request is handled carries its id, and the next request starts clean
            MDC.put(MDC_KEY, id);
        }
        return id;
    }
}
