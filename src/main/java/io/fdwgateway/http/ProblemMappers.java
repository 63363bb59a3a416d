package io.fdwgateway.http;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.error.ProblemRenderer;
import io.fdwgateway.error.RequestIds;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure that reaches JAX-RS leaves as problem+json. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemRenderer renderer;

    public ProblemMappers(ProblemRenderer renderer) {
        this.renderer = renderer;
    }

    @ServerExceptionMapper
    public Response gateway(GatewayException e, RoutingContext rc) {
        return renderer.toResponse(e.error(), RequestIds.of(rc));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext rc) {
        GatewayError error;
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException) {
            error = new GatewayError.NotFound();
        } else if (e instanceof NotAllowedException) {
            error = new GatewayError.MethodNotAllowed("GET, HEAD, POST");
        } else if (e instanceof NotAcceptableException) {
            error = new GatewayError.NotAcceptable();
        } else if (e instanceof NotSupportedException) {
            error = new GatewayError.UnsupportedMediaType("This media type is not accepted here.");
        } else if (status == 413) {
            error = new GatewayError.PayloadTooLarge();
        } else if (status >= 400 && status < 500) {
            error = new GatewayError.BadRequest(ErrorCode.UNREADABLE_REQUEST, "The request could not be read.");
        } else {
            LOG.errorf(e, "[%s] unexpected web failure", RequestIds.of(rc));
            error = new GatewayError.Internal();
        }
        return renderer.toResponse(error, RequestIds.of(rc));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext rc) {
        String requestId = RequestIds.of(rc);
        LOG.errorf(e, "[%s] unexpected failure", requestId);
        return renderer.toResponse(new GatewayError.Internal(), requestId);
    }
}
