package io.fdwgateway.exec;

import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.CallStatements;
import io.fdwgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a plan on one pooled connection (see {@link RunningCall}): one pipelined round trip,
 * bounded in time by the statement timeout plus its margin and in size by
 * {@code gateway.max-response-bytes}, and leaving nothing of the caller in the session.
 */
@ApplicationScoped
public class CallExecutor {

    private final Pool pool;
    private final Vertx vertx;
    private final CallStatements statements;
    private final long deadlineMillis;

    public CallExecutor(Pool pool, Vertx vertx, GatewayConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.statements = new CallStatements(config.statementTimeout(), config.maxResponseBytes().asLongValue(),
                config.preRequest());
        this.deadlineMillis = config.statementTimeout().plus(config.statementTimeoutMargin()).toMillis();
    }

    /**
     * Completes with the call's result, or fails with a {@link io.fdwgateway.error.GatewayException}
     * that carries the error to answer.
     */
    public Future<CallResult> run(CallPlan plan, CallSession session) {
        return pool.getConnection()
                .recover(cause -> Future.failedFuture(FailureClassifier.unavailable(cause, session)))
                .compose(conn -> new RunningCall(vertx, conn, plan, session, statements, deadlineMillis).start());
    }
}
