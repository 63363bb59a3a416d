package io.fdwgateway.warmup;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests to the gateway's own HTTP port, over a number of keep-alive connections with one
 * request in flight on each, until {@link #stop()}: a closed loop, so the load adapts to how
 * fast the gateway answers instead of piling up. Each request is an ordinary client request
 * without an {@code Authorization} header, marked {@code User-Agent: }{@value #USER_AGENT}.
 */
final class SelfLoad {

    static final String USER_AGENT = "fdw-gateway-warmup";
    /** Pause after a request that got no answer, so a refused connection does not spin. */
    private static final long PAUSE_AFTER_ERROR_MILLIS = 100;
    /** Longest one request may take before it counts as unanswered. */
    private static final long REQUEST_TIMEOUT_MILLIS = 30_000;

    private final Vertx vertx;
    private final HttpClient client;
    private final RequestOptions request;
    private final int connections;
    private final WarmupTally tally = new WarmupTally();
    private final Promise<WarmupTally> done = Promise.promise();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;

    SelfLoad(Vertx vertx, String host, int port, WarmupTarget target, int connections) {
        this.vertx = vertx;
        this.connections = connections;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(connections));
        this.request = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
                .setURI(target.uri()).setTimeout(REQUEST_TIMEOUT_MILLIS)
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT);
    }

    /** Starts the loops; the future completes with the tally once every loop has ended after {@link #stop()}. */
    Future<WarmupTally> start() {
        running.set(connections);
        for (int i = 0; i < connections; i++) {
            next();
        }
        return done.future();
    }

    /** Lets the requests in flight finish and sends no more. */
    void stop() {
        stopping = true;
    }

    /** What the requests got so far. */
    WarmupTally tally() {
        return tally;
    }

    private void next() {
        if (stopping) {
            if (running.decrementAndGet() == 0) {
                client.close().onComplete(ar -> done.tryComplete(tally));
            }
            return;
        }
        tally.sent();
        client.request(request)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> resp.statusCode()))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        tally.answered(ar.result());
                        next();
                    } else {
                        tally.failed();
                        vertx.setTimer(PAUSE_AFTER_ERROR_MILLIS, id -> next());
                    }
                });
    }
}
