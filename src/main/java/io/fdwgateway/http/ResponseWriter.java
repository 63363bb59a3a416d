package io.fdwgateway.http;

import io.fdwgateway.admit.IdempotentCall;
import io.fdwgateway.admit.StoredAnswer;
import io.fdwgateway.call.FunctionResponse;
import io.fdwgateway.catalog.Verbs;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.error.Problem;
import io.fdwgateway.error.ProblemRenderer;
import io.fdwgateway.logging.LogText;
import io.fdwgateway.logging.RequestIds;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Writes every answer the gateway gives, and records each in {@link CallLog}: results,
 * problems, replays of idempotent calls, and the bare answers of OPTIONS. The answer of a call
 * made under an Idempotency-Key is handed to the admit stage to keep before it is sent. Nothing else in the gateway writes to a
 * response.
 */
@Singleton
public class ResponseWriter {

    static final String JSON_UTF8 = "application/json; charset=utf-8";

    private static final Logger LOG = Logger.getLogger(ResponseWriter.class);

    private final ProblemRenderer renderer;
    private final CallLog calls;

    public ResponseWriter(ProblemRenderer renderer, CallLog calls) {
        this.renderer = renderer;
        this.calls = calls;
    }

    /**
     * A call's answer in the representation its plan chose (see {@link Representation}), with
     * {@code Preference-Applied}, then the status and headers the function set.
     */
    void result(RoutingContext rc, Representation.Sent sent) {
        String applied = Exchange.of(rc).preferenceApplied();
        HttpServerResponse response = rc.response().setStatusCode(sent.status());
        if (applied != null) {
            response.putHeader(Preferences.APPLIED, applied);
        }
        if (sent.body() != null) {
            response.putHeader("Content-Type", sent.contentType());
        }
        sent.headers().forEach(response::putHeader);
        applyFunctionResponse(response, Exchange.of(rc).functionResponse());
        int status = response.getStatusCode();
        end(rc, response, status == 204 || status == 304 ? null : sent.body(), null);
    }

    /**
     * The status and headers the function set ({@code response.status}, {@code response.headers}):
     * a header's first occurrence replaces the gateway's own (so a function can answer another
     * Content-Type), later ones add to it (several Set-Cookie).
     */
    private static void applyFunctionResponse(HttpServerResponse response, FunctionResponse asked) {
        asked.status().ifPresent(response::setStatusCode);
        java.util.Set<String> set = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (java.util.Map.Entry<String, String> header : asked.headers()) {
            if (set.add(header.getKey())) {
                response.headers().set(header.getKey(), header.getValue());
            } else {
                response.headers().add(header.getKey(), header.getValue());
            }
        }
    }

    /** The kept answer of an idempotent call, sent again as it was, marked {@code Idempotent-Replayed}. */
    void replay(RoutingContext rc, StoredAnswer answer) {
        HttpServerResponse response = rc.response().setStatusCode(answer.status());
        answer.headers().forEach(h -> response.putHeader(h.getKey(), h.getValue()));
        response.putHeader(AdmitStep.REPLAYED, "true");
        end(rc, response, answer.body(), null);
    }

    /** An answer from the response cache, as it was first sent, with {@code Gateway-Cache: hit} and {@code Age}. */
    void cached(RoutingContext rc, io.fdwgateway.cache.CachedAnswer cached) {
        HttpServerResponse response = rc.response().setStatusCode(cached.answer().status());
        cached.answer().headers().forEach(h -> response.putHeader(h.getKey(), h.getValue()));
        long age = Math.max(0, (System.currentTimeMillis() - cached.storedAtMillis()) / 1000);
        response.putHeader(AdmitStep.CACHE_HEADER, "hit").putHeader("Age", Long.toString(age));
        end(rc, response, cached.answer().body(), null);
    }

    /** 200 with a JSON document of the gateway's own. */
    void json(RoutingContext rc, Buffer json) {
        rc.response().setStatusCode(200).putHeader("Content-Type", JSON_UTF8);
        end(rc, rc.response(), json, null);
    }

    /** 204 answering OPTIONS with the verbs that call the function. */
    void allow(RoutingContext rc, Verbs verbs) {
        end(rc, rc.response().setStatusCode(204).putHeader("Allow", verbs.allow()), null, null);
    }

    /** Any failure: a gateway error as its problem, anything else as a logged 500. */
    void failure(RoutingContext rc, Throwable failure) {
        if (failure instanceof GatewayException ge) {
            problem(rc, ge.error());
            return;
        }
        LOG.errorf(LogText.escape(failure), "[%s] unexpected failure", Exchange.of(rc).requestId());
        problem(rc, new GatewayError.Internal());
    }

    void problem(RoutingContext rc, GatewayError error) {
        Exchange exchange = Exchange.of(rc);
        exchange.refused(error.authFailure().orElse(null));
        HttpServerResponse response = rc.response().setStatusCode(error.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE);
        error.headers().forEach(response::putHeader);
        if (error.status() == 413) {
            // the rest of the body is never read, so it must not be taken for the next request
            response.putHeader("Connection", "close");
        }
        end(rc, response, Buffer.buffer(renderer.toJson(error, exchange.requestId())), error.code());
    }

    private void end(RoutingContext rc, HttpServerResponse response, Buffer body, String code) {
        Exchange exchange = Exchange.of(rc);
        if (!exchange.end()) {
            return;
        }
        IdempotentCall.Run idempotent = exchange.idempotent();
        if (exchange.keep() != null && response.getStatusCode() == 200) {
            // kept before it is sent, as an idempotent answer is: the next call may already be a hit
            exchange.keep().apply(AdmitStep.answerOf(response, body))
                    .onComplete(kept -> send(rc, exchange, response, body, code));
        } else if (idempotent == null) {
            send(rc, exchange, response, body, code);
        } else {
            // recorded before it is sent: a client retrying the moment it has the answer is replayed
            idempotent.finish(AdmitStep.answerOf(response, body))
                    .onComplete(recorded -> send(rc, exchange, response, body, code));
        }
    }

    private void send(RoutingContext rc, Exchange exchange, HttpServerResponse response, Buffer body, String code) {
        boolean gone = response.closed() || response.ended();
        if (!gone) {
            response.putHeader(RequestIds.HEADER, exchange.requestId());
            if (body == null) {
                response.end();
            } else {
                response.end(body);
            }
        }
        calls.ended(new CallRecord(exchange.requestId(), rc.request().method().name(),
                exchange.function() == null ? CallRecord.UNKNOWN_FUNCTION : exchange.function(), exchange.role(),
                exchange.subject(), response.getStatusCode(), code, exchange.refused(),
                body == null || rc.request().method() == HttpMethod.HEAD ? 0 : body.length(),
                System.nanoTime() - exchange.startNanos(), exchange.traceId(), gone));
    }
}
