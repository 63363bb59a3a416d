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
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read the OpenAPI document and Swagger UI ({@code gateway.openapi.mode}), and the
 * document itself. Runs on the public router after Quarkus' security handlers (so the token is
 * there to resolve) and before Quarkus' own document route: {@code disabled} answers 404;
 * {@code follow-privileges} resolves the caller's role exactly as {@code /rpc} does (a refused
 * caller gets the same problem) and answers that role's document; {@code all} answers the
 * document of every served function to anyone. Documents come from {@link ServedDocuments}
 * (built on first request, then kept as bytes until the next reload), in the format Quarkus'
 * handler would choose, with its content type.
 */
@Singleton
public class OpenApiAccess {

    /** After Quarkus' authentication (-200) and authorization (-100) handlers, before its routes. */
    static final int ORDER = -50;
    /** Bytes of the document inflated and written at a time for a client that does not accept gzip. */
    private static final int CHUNK = 64 * 1024;

    private final OpenApiConfig.Mode mode;
    private final List<String> exposed;
    private final CallerResolver callers;
    private final CallerRoles roles;
    private final LiveDocument live;
    private final ServedDocuments documents;
    private final ProblemRenderer renderer;
    private final String documentPath;
    private final String uiPath;

    public OpenApiAccess(GatewayConfig config, CallerResolver callers, CallerRoles roles, LiveDocument live,
                         ServedDocuments documents, ProblemRenderer renderer,
                         @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String nonApp,
                         @ConfigProperty(name = "quarkus.smallrye-openapi.path", defaultValue = "openapi") String document,
                         @ConfigProperty(name = "quarkus.swagger-ui.path", defaultValue = "swagger-ui") String ui) {
        this.mode = config.openapi().mode();
        this.exposed = List.copyOf(config.exposedSchemas());
        this.callers = callers;
        this.roles = roles;
        this.live = live;
        this.documents = documents;
        this.renderer = renderer;
        String root = nonApp.startsWith("/") ? nonApp : "/" + nonApp;
        this.documentPath = document.startsWith("/") ? document : root + "/" + document;
        this.uiPath = ui.startsWith("/") ? ui : root + "/" + ui;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean document = path.equals(documentPath) || path.startsWith(documentPath + ".")
                || path.startsWith(documentPath + "/");
        boolean ui = path.equals(uiPath) || path.startsWith(uiPath + "/");
        if (!document && !ui) {
            rc.next();
        } else if (mode == OpenApiConfig.Mode.DISABLED) {
            answer(rc, new GatewayError.NotFound());
        } else if (!document || !isDocumentRead(rc, path)) {
            // Swagger UI, and OPTIONS (Quarkus answers it with Allow, writing no document)
            rc.next();
        } else {
            Optional<String> profile;
            try {
                // one document per schema profile, as PostgREST's root document
                profile = Profiles.choose(rc.request().headers().getAll(Profiles.ACCEPT), exposed);
            } catch (GatewayException e) {
                answer(rc, e.error());
                return;
            }
            Format format = formatOf(rc, path);
            if (mode == OpenApiConfig.Mode.ALL) {
                send(rc, documents.get(new ServedDocuments.Key(Optional.empty(), profile, format),
                        served -> Future.succeededFuture(LiveDocument.inProfile(served, profile))), format);
            } else {
                forCaller(rc, profile, format);
            }
        }
    }

    /** {@code follow-privileges}: the caller's role as {@code /rpc} resolves it, and that role's document. */
    private void forCaller(RoutingContext rc, Optional<String> profile, Format format) {
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
                    send(rc, documents.get(new ServedDocuments.Key(Optional.of(role), profile, format),
                            served -> live.executableBy(served, role, profile)), format);
                },
                failure -> answer(rc, failure instanceof GatewayException e ? e.error()
                        : new GatewayError.Internal()));
    }

    /**
     * The document with the content type Quarkus' handler gives it: the kept gzip bytes as they
     * are to a client that accepts gzip, else inflated as the connection takes it.
     */
    private static void send(RoutingContext rc, Future<ServedDocuments.Kept> document, Format format) {
        document.onComplete(built -> {
            if (built.failed()) {
                rc.fail(built.cause());
                return;
            }
            ServedDocuments.Kept kept = built.result();
            rc.response().putHeader("Content-Type", format.getMimeType() + ";charset=UTF-8")
                    .putHeader("Vary", "Accept-Encoding");
            if (acceptsGzip(rc.request().headers().getAll("Accept-Encoding"))) {
                rc.response().putHeader("Content-Encoding", "gzip").end(Buffer.buffer(kept.gzip()));
            } else if (rc.request().method().equals(HttpMethod.HEAD)) {
                rc.response().putHeader("Content-Length", Integer.toString(kept.length())).end();
            } else {
                rc.response().putHeader("Content-Length", Integer.toString(kept.length()));
                try {
                    inflate(rc.response(), kept.inflating());
                } catch (IOException e) {
                    rc.fail(e);
                }
            }
        });
    }

    /**
     * Inflates the document into the response a chunk at a time, as the connection takes it: a
     * client that does not accept gzip never makes the gateway hold the whole document.
     */
    private static void inflate(HttpServerResponse response, InputStream document) {
        try {
            while (!response.writeQueueFull()) {
                byte[] chunk = document.readNBytes(CHUNK);
                if (chunk.length == 0) {
                    document.close();
                    response.end();
                    return;
                }
                response.write(Buffer.buffer(chunk));
                if (response.closed()) {
                    document.close();
                    return;
                }
            }
            response.drainHandler(ignored -> inflate(response, document));
        } catch (IOException e) {
            // the kept bytes are the gateway's own: this does not happen; the client sees a cut answer
            response.reset();
        }
    }

    /** Whether an {@code Accept-Encoding} header allows gzip (by name or {@code *}, with a weight above zero). */
    static boolean acceptsGzip(List<String> acceptEncoding) {
        for (String header : acceptEncoding) {
            for (String coding : header.split(",")) {
                String[] parts = coding.split(";");
                String name = parts[0].strip();
                if (!name.equalsIgnoreCase("gzip") && !name.equals("*")) {
                    continue;
                }
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].strip();
                    if (param.startsWith("q=") || param.startsWith("Q=")) {
                        refused = param.substring(2).strip().matches("0(\\.0{0,3})?");
                    }
                }
                if (!refused) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A GET or HEAD of the document itself ({@code /q/openapi}, {@code .json}, {@code .yaml}, {@code .yml}). */
    private boolean isDocumentRead(RoutingContext rc, String path) {
        HttpMethod method = rc.request().method();
        return (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD))
                && (path.equals(documentPath) || path.equals(documentPath + ".json") || path.equals(documentPath + ".yaml")
                        || path.equals(documentPath + ".yml"));
    }

    /** As Quarkus chooses: the path's extension, else JSON when asked for by Accept or {@code format=json}, else YAML. */
    private static Format formatOf(RoutingContext rc, String path) {
        if (path.endsWith(".json")) {
            return Format.JSON;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return Format.YAML;
        }
        String accept = rc.request().headers().get("Accept");
        List<String> format = rc.queryParam("format");
        return (accept != null && accept.contains(Format.JSON.getMimeType()))
                || (!format.isEmpty() && "JSON".equalsIgnoreCase(format.get(0))) ? Format.JSON : Format.YAML;
    }

    private void answer(RoutingContext rc, GatewayError error) {
        error.headers().forEach(rc.response()::putHeader);
        rc.response().setStatusCode(error.status()).putHeader("Content-Type", "application/problem+json")
                .putHeader(RequestIds.HEADER, RequestIds.of(rc))
                .end(Buffer.buffer(renderer.toJson(error, RequestIds.of(rc))));
    }
}
