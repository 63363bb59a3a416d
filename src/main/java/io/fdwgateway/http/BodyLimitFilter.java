package io.fdwgateway.http;

import io.fdwgateway.config.HttpLimits;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.Problem;
import io.fdwgateway.error.ProblemRenderer;
import io.fdwgateway.error.RequestIds;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Answers an announced oversized body with a problem+json 413 before any of it is read.
 * (Quarkus enforces the same limit on chunked bodies too, but answers those with an empty
 * 413; announcing the length, as every mainstream client does, gets the documented answer.)
 */
@Singleton
public class BodyLimitFilter {

    private final long maxBodyBytes;
    private final ProblemRenderer renderer;

    public BodyLimitFilter(HttpLimits limits, ProblemRenderer renderer) {
        this.maxBodyBytes = limits.maxBodyBytes();
        this.renderer = renderer;
    }

    void register(@Observes Router router) {
        router.route().order(-1000).handler(this::check);
    }

    private void check(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            rc.response().setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader(RequestIds.HEADER, RequestIds.of(rc))
                    .putHeader("Connection", "close")
                    .end(renderer.toJson(new GatewayError.PayloadTooLarge(), RequestIds.of(rc)));
            return;
        }
        rc.next();
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }
}
