package io.fdwgateway.http;

import io.fdwgateway.auth.CallerResolver;
import io.fdwgateway.call.ArgumentReader;
import io.fdwgateway.call.Arguments;
import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.CallPlanner;
import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.SchemaCache;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.error.Problem;
import io.fdwgateway.error.RequestIds;
import io.fdwgateway.exec.CallExecutor;
import io.fdwgateway.exec.CallResult;
import io.fdwgateway.exec.CallSession;
import io.fdwgateway.role.CallerRoles;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;

/**
 * {@code /rpc/{function}}: authenticate, resolve the role, read arguments, plan, execute,
 * respond. Each step is another package's; this class only wires them to HTTP.
 *
 * <p>Results are JSON only: an {@code Accept} that excludes it (postgrest-js' {@code single()},
 * {@code csv()}, {@code explain()} ask for PostgREST's other representations) answers 406
 * rather than a JSON array the client would misread.
 */
@Path("/rpc/{function}")
public class RpcResource {

    static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final CallerResolver callers;
    private final CallerRoles roles;
    private final SchemaCache cache;
    private final CallExecutor executor;

    public RpcResource(CallerResolver callers, CallerRoles roles, SchemaCache cache, CallExecutor executor) {
        this.callers = callers;
        this.roles = roles;
        this.cache = cache;
        this.executor = executor;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Uni<Response> get(@PathParam("function") String function, @Context UriInfo uri, @Context RoutingContext rc) {
        return call(function, rc, "GET", () -> ArgumentReader.fromQuery(uri.getQueryParameters()), true);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Uni<Response> post(@PathParam("function") String function, @HeaderParam("Content-Type") String contentType,
                              String body, @Context UriInfo uri, @Context RoutingContext rc) {
        return call(function, rc, "POST", () -> {
            if (!uri.getQueryParameters().isEmpty()) {
                throw new GatewayException(new GatewayError.BadRequest(ErrorCode.UNEXPECTED_PARAMETER,
                        "POST takes its arguments in the JSON body, not in the query string."));
            }
            if (body != null && !body.isBlank() && !isJson(contentType)) {
                throw new GatewayException(new GatewayError.UnsupportedMediaType(
                        "Send the arguments as a JSON object with Content-Type: application/json."));
            }
            return ArgumentReader.fromBody(body);
        }, false);
    }

    @PUT
    public Uni<Response> put(@PathParam("function") String function) {
        return notAllowed(function);
    }

    @PATCH
    public Uni<Response> patch(@PathParam("function") String function) {
        return notAllowed(function);
    }

    @DELETE
    public Uni<Response> delete(@PathParam("function") String function) {
        return notAllowed(function);
    }

    private Uni<Response> call(String function, RoutingContext rc, String method, ArgumentSource source, boolean get) {
        String requestId = RequestIds.of(rc);
        return callers.resolve(rc).chain(caller -> {
            CallerRoles.Assignment assigned = roles.assign(caller, requestId);
            Arguments arguments = source.read();
            CallPlan plan = CallPlanner.plan(cache.current(), function, arguments, get);
            CallSession session = new CallSession(assigned.role(), assigned.claimsJson(), method, rc.request().path(),
                    !caller.anonymous(), requestId);
            return Uni.createFrom().completionStage(() -> executor.run(plan, session).toCompletionStage())
                    .map(respond(plan, requestId));
        });
    }

    private static Function<CallResult, Response> respond(CallPlan plan, String requestId) {
        return result -> {
            if (plan.shape() == ReturnShape.VOID) {
                return Response.noContent().header(RequestIds.HEADER, requestId).build();
            }
            return Response.ok(result.body(), JSON_UTF8).header(RequestIds.HEADER, requestId).build();
        };
    }

    private Uni<Response> notAllowed(String function) {
        GatewayError error = cache.current().verbs(function)
                .<GatewayError>map(verbs -> new GatewayError.MethodNotAllowed(verbs.allow()))
                .orElseGet(GatewayError.NotFound::new);
        return Uni.createFrom().failure(new GatewayException(error));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()
                    && !type.isWildcardSubtype();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface ArgumentSource {
        Arguments read();
    }
}
