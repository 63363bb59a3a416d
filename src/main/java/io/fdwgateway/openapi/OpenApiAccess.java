package io.fdwgateway.openapi;

import io.fdwgateway.auth.CallerResolver;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.config.OpenApiConfig;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.error.ProblemRenderer;
import io.fdwgateway.http.Profiles;
import io.fdwgateway.logging.RequestIds;
import io.fdwgateway.role.CallerRoles;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read the OpenAPI document and Swagger UI ({@code gateway.openapi.mode}). Runs on the
 * public router after Quarkus' security handlers (so the token is there to resolve) and before
 * Quarkus serves the document: {@code disabled} answers 404; {@code follow-privileges} resolves
 * the caller's role exactly as {@code /rpc} does (a refused caller gets the same problem),
 * fetches that role's document and leaves it in the request's Vert.x context, where
 * {@link CatalogOpenApiFilter} finds it; {@code all} lets every request through.
 */
@Singleton
public class OpenApiAccess {

    /** After Quarkus' authentication (-200) and authorization (-100) handlers, before its routes. */
    static final int ORDER = -50;
    private static final String DOCUMENT = OpenApiAccess.class.getName() + ".document";
    private static final String PROFILE = OpenApiAccess.class.getName() + ".profile";

    private final OpenApiConfig.Mode mode;
    private final List<String> exposed;
    private final CallerResolver callers;
    private final CallerRoles roles;
    private final LiveDocument live;
    private final ProblemRenderer renderer;
    private final String documentPath;
    private final String uiPath;

    public OpenApiAccess(GatewayConfig config, CallerResolver callers, CallerRoles roles, LiveDocument live,
                         ProblemRenderer renderer,
                         @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String nonApp,
                         @ConfigProperty(name = "quarkus.smallrye-openapi.path", defaultValue = "openapi") String document,
                         @ConfigProperty(name = "quarkus.swagger-ui.path", defaultValue = "swagger-ui") String ui) {
        this.mode = config.openapi().mode();
        this.exposed = List.copyOf(config.exposedSchemas());
        this.callers = callers;
        this.roles = roles;
        this.live = live;
        this.renderer = renderer;
        String root = nonApp.startsWith("/") ? nonApp : "/" + nonApp;
        this.documentPath = document.startsWith("/") ? document : root + "/" + document;
        this.uiPath = ui.startsWith("/") ? ui : root + "/" + ui;
    }

    /** The document of this request's role, when {@link OpenApiAccess} chose one. */
    static Optional<CatalogDocument> documentOfThisRequest() {
        return ContextLocals.get(DOCUMENT);
    }

    /** Whether documents are per role: without one for the request, nothing is described. */
    boolean followsPrivileges() {
        return mode == OpenApiConfig.Mode.FOLLOW_PRIVILEGES;
    }

    /** The schema profile ({@code Accept-Profile}) of this request for the document, if it named one. */
    static Optional<String> profileOfThisRequest() {
        return ContextLocals.get(PROFILE);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean document = path.equals(documentPath) || path.startsWith(documentPath + ".")
                || path.startsWith(documentPath + "/");
        boolean ui = path.equals(uiPath) || path.startsWith(uiPath + "/");
        Optional<String> profile = Optional.empty();
        if (document && mode != OpenApiConfig.Mode.DISABLED) {
            try {
                // one document per schema profile, as PostgREST's root document
                profile = Profiles.choose(rc.request().headers().getAll(Profiles.ACCEPT), exposed);
            } catch (GatewayException e) {
                answer(rc, e.error());
                return;
            }
            profile.ifPresent(schema -> ContextLocals.put(PROFILE, schema));
        }
        Optional<String> chosen = profile;
        if (!document && !ui) {
            rc.next();
        } else if (mode == OpenApiConfig.Mode.DISABLED) {
            answer(rc, new GatewayError.NotFound());
        } else if (!document || mode == OpenApiConfig.Mode.ALL) {
            rc.next();
        } else {
            rc.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
            callers.resolve(rc).subscribe().with(
                    caller -> {
                        String role;
                        try {
                            role = roles.assign(caller, RequestIds.of(rc)).role();
                        } catch (GatewayException e) {
                            answer(rc, e.error());
                            return;
                        }
                        live.forRole(role, chosen).onComplete(built -> {
                            if (built.succeeded()) {
                                ContextLocals.put(DOCUMENT, built.result());
                                rc.next();
                            } else {
                                rc.fail(built.cause());
                            }
                        });
                    },
                    failure -> answer(rc, failure instanceof GatewayException e ? e.error()
                            : new GatewayError.Internal()));
        }
    }

    private void answer(RoutingContext rc, GatewayError error) {
        error.headers().forEach(rc.response()::putHeader);
        rc.response().setStatusCode(error.status()).putHeader("Content-Type", "application/problem+json")
                .putHeader(RequestIds.HEADER, RequestIds.of(rc))
                .end(Buffer.buffer(renderer.toJson(error, RequestIds.of(rc))));
    }
}
