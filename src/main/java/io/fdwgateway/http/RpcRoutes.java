package io.fdwgateway.http;

import io.fdwgateway.config.ApiPath;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Puts the gateway on Quarkus' HTTP router, as plain Vert.x routes: {@link RequestGuard}
 * first for every path, {@code /rpc/:function} for any verb (under {@link ApiPath}'s prefix), {@code GET /} for the index,
 * and a problem+json 404 for any path nobody else serves. Quarkus' own routes
 * ({@code /q/openapi}, {@code /q/health} …) keep their places: they are tried before the
 * last-resort 404. Quarkus' security handler runs before these routes and leaves the
 * deferred identity in the routing context (see {@link RpcHandler}).
 */
@Singleton
public class RpcRoutes {

    /** Before Quarkus' security handlers (order -200 and up) and every route. */
    static final int GUARD_ORDER = -1000;
    /** After every route Quarkus or an extension registers without an order. */
    static final int LAST_ORDER = Integer.MAX_VALUE - 1000;

    private static final Logger LOG = Logger.getLogger(RpcRoutes.class);

    private final RequestGuard guard;
    private final RpcHandler rpc;
    private final IndexHandler index;
    private final ResponseWriter writer;
    private final Duration idleTimeout;
    private final Duration statementTimeout;
    private final ApiPath api;

    public RpcRoutes(RequestGuard guard, RpcHandler rpc, IndexHandler index, ResponseWriter writer,
                     GatewayConfig config, ApiPath api,
                     @ConfigProperty(name = "quarkus.http.idle-timeout", defaultValue = "30M") Duration idleTimeout) {
        this.guard = guard;
        this.rpc = rpc;
        this.index = index;
        this.writer = writer;
        this.idleTimeout = idleTimeout;
        this.statementTimeout = config.statementTimeout();
        this.api = api;
    }

    void register(@Observes Router router) {
        router.route().order(GUARD_ORDER).handler(guard::check);
        router.route(api.of("/rpc/:function")).handler(rpc::handle).failureHandler(this::failed);
        router.get("/").handler(index::handle).failureHandler(this::failed);
        router.head("/").handler(index::handle).failureHandler(this::failed);
        router.route().order(LAST_ORDER).handler(this::notFound);
        if (idleTimeout.compareTo(statementTimeout) <= 0) {
            LOG.warnf("quarkus.http.idle-timeout (%s) is not longer than gateway.statement-timeout (%s): a call that"
                    + " runs that long loses its connection before it can answer", idleTimeout, statementTimeout);
        }
    }

    private void notFound(RoutingContext rc) {
        writer.problem(rc, new GatewayError.NotFound());
    }

    /** A handler threw, or Vert.x failed the request on its own: still one problem+json answer. */
    private void failed(RoutingContext rc) {
        if (rc.failure() != null) {
            writer.failure(rc, rc.failure());
        } else if (rc.statusCode() >= 400 && rc.statusCode() < 500) {
            writer.problem(rc,
                    new GatewayError.BadRequest(ErrorCode.UNREADABLE_REQUEST, "The request could not be read."));
        } else {
            writer.failure(rc, new IllegalStateException("the request failed with status " + rc.statusCode()));
        }
    }
}
