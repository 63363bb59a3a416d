package io.fdwgateway.http;

import io.fdwgateway.call.ArgumentReader;
import io.fdwgateway.call.Arguments;
import io.fdwgateway.catalog.Routine;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import io.fdwgateway.config.HttpLimits;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import io.fdwgateway.shape.AcceptHeader;
import io.fdwgateway.shape.Media;
import io.fdwgateway.shape.ShapeRequest;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what a {@code /rpc} request says: its body (bounded while it streams in, announced
 * or chunked), its arguments, how it shapes a set's result, and the representations it accepts.
 */
@Singleton
public class RequestReader {

    /** More than the initial-line limit can carry, so the decoder never silently drops one. */
    private static final int MAX_QUERY_PARAMETERS = 100_000;

    private final long maxBodyBytes;

    public RequestReader(HttpLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    /**
     * The whole body, or a 413 as soon as more than {@code quarkus.http.limits.max-body-size}
     * has arrived; what follows is never buffered.
     */
    Future<Buffer> body(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.isEnded()) {
            return Future.succeededFuture(Buffer.buffer());
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if ((long) body.length() + chunk.length() > maxBodyBytes) {
                promise.fail(new GatewayException(new GatewayError.PayloadTooLarge()));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> promise.tryComplete(body));
        request.exceptionHandler(promise::tryFail);
        request.resume();
        return promise.future();
    }

    /**
     * The representations the {@code Accept} headers allow, most preferred first; empty when the
     * gateway serves none of them (406). postgrest-js asks with {@code single()} for
     * {@code application/vnd.pgrst.object+json} and with {@code csv()} for {@code text/csv}.
     */
    List<Media> acceptable(RoutingContext rc) {
        return AcceptHeader.acceptable(rc.request().headers().getAll("Accept"));
    }

    /**
     * How the request shapes a set's result: the given query parameters (those that are no
     * argument), {@code Range}, {@code Range-Unit}, and whether {@code Prefer: count=exact} asks for the total.
     */
    ShapeRequest shaping(RoutingContext rc, Map<String, List<String>> parameters, boolean countExact) {
        return ShapeRequest.parse(parameters, rc.request().getHeader("Range"), rc.request().getHeader("Range-Unit"),
                countExact);
    }

    /** GET and HEAD: named arguments from these query parameters, each a text value. */
    Arguments queryArguments(Map<String, List<String>> parameters) {
        return ArgumentReader.fromQuery(parameters);
    }

    /**
     * POST: named arguments from a JSON object body.
     *
     * @param shapesResult whether the query string may shape the result; else it must be empty
     */
    Arguments bodyArguments(RoutingContext rc, Buffer body, boolean shapesResult) {
        if (!shapesResult && !queryParameters(rc).isEmpty()) {
            throw new GatewayException(new GatewayError.BadRequest(ErrorCode.UNEXPECTED_PARAMETER,
                    "POST takes its arguments in the JSON body, not in the query string."));
        }
        String text = body.toString(StandardCharsets.UTF_8);
        if (!text.isBlank() && !isJson(rc.request().getHeader("Content-Type"))) {
            throw new GatewayException(new GatewayError.UnsupportedMediaType(
                    "Send the arguments as a JSON object with Content-Type: application/json."));
        }
        return ArgumentReader.fromBody(text);
    }

    /**
     * The whole body for a function whose single unnamed parameter takes it (see
     * {@link io.fdwgateway.call.CallPlanner#rawBody}): its text, or for {@code bytea} its bytes as
     * base64, kept under the empty name (so idempotency keys fingerprint it like any arguments).
     */
    static Arguments rawArguments(Routine routine, Buffer body) {
        String text = routine.rawBody().orElseThrow().displayType().equals("bytea")
                ? Base64.getEncoder().encodeToString(body.getBytes())
                : body.toString(StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw new GatewayException(new GatewayError.BadRequest(ErrorCode.INVALID_ARGUMENT,
                    "Text and JSON bodies may not contain NUL characters."));
        }
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        values.put("", text);
        return new Arguments(values);
    }

    /** The body text {@link #rawArguments} kept. */
    static String rawText(Arguments arguments) {
        return arguments.values().get("").textValue();
    }

    /** Decoded query parameters; malformed percent-encoding was refused by {@link RequestGuard}. */
    static Map<String, List<String>> queryParameters(RoutingContext rc) {
        String query = rc.request().query();
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        return new QueryStringDecoder(query, StandardCharsets.UTF_8, false, MAX_QUERY_PARAMETERS).parameters();
    }

    /** {@code application/json}, with or without parameters; not a wildcard, not another JSON type. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return essence.toLowerCase(Locale.ROOT).equals("application/json");
    }
}
