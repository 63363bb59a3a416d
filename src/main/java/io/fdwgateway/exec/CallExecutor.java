package io.fdwgateway.exec;

import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.CallStatements;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.upstream.UpstreamGuard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Runs a plan on one pooled connection (see {@link RunningCall}): one pipelined round trip,
 * bounded in time by the statement timeout plus its margin and in size by
 * {@code gateway.max-response-bytes}, and leaving nothing of the caller in the session.
 */
@ApplicationScoped
public class CallExecutor {

    private final Pool pool;
    private final UpstreamGuard upstreams;
    private final Vertx vertx;
    private final CallStatements statements;
    private final Duration statementTimeout;
    private final Duration margin;

    public CallExecutor(Pool pool, Vertx vertx, GatewayConfig config, UpstreamGuard upstreams) {
        this.pool = pool;
        this.upstreams = upstreams;
        this.vertx = vertx;
        this.statements = new CallStatements(config.statementTimeout(), config.maxResponseBytes().asLongValue(),
                config.preRequest());
        this.statementTimeout = config.statementTimeout();
        this.margin = config.statementTimeoutMargin();
    }

    /** The call's statement timeout: the database's own for it, else {@code gateway.statement-timeout}. */
    Duration statementTimeout(CallSession session) {
        return session.statementTimeout() != null ? session.statementTimeout() : statementTimeout;
    }

    /**
     * Completes with the call's result, or fails with a {@link io.fdwgateway.error.GatewayException}
     * that carries the error to answer.
     */
    public Future<CallResult> run(CallPlan plan, CallSession session) {
        return run(plan, session, Promise.<Void>promise().future());
    }

    /**
     * As {@link #run(CallPlan, CallSession)}; when {@code clientGone} completes before the call
     * has answered (the client closed its connection), the running statement is cancelled, the
     * transaction ends, and the connection goes back to the pool. A call still waiting for a
     * connection then never starts.
     */
    public Future<CallResult> run(CallPlan plan, CallSession session, Future<Void> clientGone) {
        // guard upstream first: a refused call takes no connection and does no database work
        return upstreams.enter(plan.routine())
                .compose(passage -> leaseAndRun(plan, session, clientGone).onComplete(ar -> passage.exit(ar.cause())));
    }

    private Future<CallResult> leaseAndRun(CallPlan plan, CallSession session, Future<Void> clientGone) {
        return pool.getConnection()
                .recover(cause -> Future.failedFuture(FailureClassifier.unavailable(cause, session)))
                .compose(conn -> {
                    if (clientGone.isComplete()) {
                        conn.close();
                        return Future.failedFuture(FailureClassifier.clientGone(session));
                    }
                    Duration timeout = statementTimeout(session);
                    // the deadline follows the timeout Postgres was given, plus the margin
                    return new RunningCall(vertx, conn, plan, session, statements, timeout,
                            timeout.plus(margin).toMillis()).start(clientGone);
                });
    }
}
