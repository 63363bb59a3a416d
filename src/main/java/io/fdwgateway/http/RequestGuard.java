package io.fdwgateway.http;

import io.fdwgateway.config.HttpLimits;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Refuses, before any routing or authentication, what no handler should ever see: a URL
 * that does not parse or whose percent-encoding is malformed, a path that hides dot segments
 * as {@code %2e} (no client needs to encode an unreserved character, and path normalisation
 * would turn them into traversal), and a body announced larger than
 * {@code quarkus.http.limits.max-body-size}. A chunked body is bounded while it is read
 * ({@link RequestReader#body}).
 */
@Singleton
public class RequestGuard {

    private final long maxBodyBytes;
    private final ResponseWriter writer;
    private final ShutdownGate shutdown;

    public RequestGuard(HttpLimits limits, ResponseWriter writer, ShutdownGate shutdown) {
        this.maxBodyBytes = limits.maxBodyBytes();
        this.writer = writer;
        this.shutdown = shutdown;
    }

    void check(RoutingContext rc) {
        Exchange.of(rc);
        String uri = rc.request().uri();
        if (shutdown.closed()) {
            writer.problem(rc, new GatewayError.Unavailable(ErrorCode.SHUTTING_DOWN,
                    "The gateway is shutting down and takes no new calls; retry, another instance will answer."));
        } else if (!wellEncoded(uri)) {
            refuse(rc, "The URL's percent-encoding is malformed.");
        } else if (!parses(uri)) {
            refuse(rc, "The URL is malformed.");
        } else if (hidesDots(rc.request().path())) {
            refuse(rc, "The path may not percent-encode dots.");
        } else if (announcedTooLarge(rc.request().getHeader("Content-Length"))) {
            writer.problem(rc, new GatewayError.PayloadTooLarge());
        } else {
            rc.next();
        }
    }

    private void refuse(RoutingContext rc, String detail) {
        writer.problem(rc, new GatewayError.BadRequest(ErrorCode.MALFORMED_URL, detail));
    }

    /**
     * The check Quarkus makes before routing, made here instead so that its refusal is a
     * problem+json answer like every other (the server's main class turns Quarkus' own off).
     */
    static boolean parses(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Every '%' starts an escape of two hex digits. */
    static boolean wellEncoded(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                    || Character.digit(text.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hidesDots(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (path.charAt(i + 1) == '2' && (path.charAt(i + 2) == 'e' || path.charAt(i + 2) == 'E')) {
                return true;
            }
        }
        return false;
    }

    private boolean announcedTooLarge(String length) {
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }
}
