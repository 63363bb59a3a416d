package io.fdwgateway.http;

import io.fdwgateway.call.ArgumentReader;
import io.fdwgateway.call.Arguments;
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
import java.util.Locale;
import java.util.Map;

/**
 * Reads what a {@code /rpc} request says: its body (bounded while it streams in, announced
 * or chunked), its arguments, and whether it accepts a JSON answer.
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
     * Results are JSON only: an {@code Accept} that excludes it (postgrest-js' {@code single()},
     * {@code csv()}, {@code explain()} ask for PostgREST's other representations) answers 406
     * rather than a JSON array the client would misread. No {@code Accept} accepts anything.
     */
    boolean acceptsJson(RoutingContext rc) {
        List<String> accept = rc.request().headers().getAll("Accept");
        if (accept.isEmpty()) {
            return true;
        }
        for (String header : accept) {
            for (String range : header.split(",")) {
                if (acceptsJson(range)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One media range with its parameters ({@code application/*;q=0.5}); a malformed one accepts nothing. */
    static boolean acceptsJson(String range) {
        String[] parts = range.split(";");
        String[] type = parts[0].trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (type.length != 2 || type[0].isEmpty() || type[1].isEmpty()) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "q=", 0, 2) && isZero(parameter.substring(2).trim())) {
                return false;
            }
        }
        return switch (type[0]) {
            case "*" -> type[1].equals("*");
            case "application" -> type[1].equals("*") || type[1].equals("json") || type[1].equals("problem+json");
            default -> false;
        };
    }

    /** A quality value of zero ("0", "0.0", "0.000"): not acceptable (RFC 9110, section 12.4.2). */
    private static boolean isZero(String q) {
        return q.matches("0(\\.0{0,3})?");
    }

    /** GET and HEAD: named arguments from the query string, each a text value. */
    Arguments queryArguments(RoutingContext rc) {
        return ArgumentReader.fromQuery(queryParameters(rc));
    }

    /** POST: named arguments from a JSON object body; the query string must be empty. */
    Arguments bodyArguments(RoutingContext rc, Buffer body) {
        if (!queryParameters(rc).isEmpty()) {
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
