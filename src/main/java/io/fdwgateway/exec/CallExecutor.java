package io.fdwgateway.exec;

import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.CallStatements;
import io.fdwgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Runs a plan in one transaction on one connection. The four statements (begin, session
 * settings, call, commit) are pipelined: written together and answered together, one
 * network round trip. If any fails, Postgres aborts the transaction, the statements after it
 * fail or roll back, and the first failure is the one reported.
 */
@ApplicationScoped
public class CallExecutor {

    private final Pool pool;
    private final CallStatements statements;

    public CallExecutor(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.statements = new CallStatements(config.statementTimeout());
    }

    /** Completes with the JSON text Postgres built, or null for a void function or SQL NULL. */
    public Future<String> run(CallPlan plan, CallSession session) {
        return pool.getConnection()
                .recover(cause -> Future.failedFuture(FailureClassifier.unavailable(cause, session)))
                .compose(conn -> runOn(conn, plan, session));
    }

    private Future<String> runOn(SqlConnection conn, CallPlan plan, CallSession session) {
        Future<RowSet<Row>> begin = conn.query(statements.begin(plan)).execute();
        Future<RowSet<Row>> settings = conn.preparedQuery(CallStatements.SESSION_SETTINGS).execute(
                statements.sessionSettings(session.role(), session.claimsJson(), session.method(), session.path()));
        Future<RowSet<Row>> call = plan.argumentsJson() == null
                ? conn.preparedQuery(plan.sql()).execute()
                : conn.preparedQuery(plan.sql()).execute(Tuple.of(plan.argumentsJson()));
        Future<RowSet<Row>> commit = conn.query(CallStatements.COMMIT).execute();
        return Future.join(begin, settings, call, commit)
                .eventually(() -> conn.close())
                .transform(ar -> {
                    for (Future<RowSet<Row>> step : List.of(begin, settings, call, commit)) {
                        if (step.failed()) {
                            return Future.failedFuture(
                                    FailureClassifier.duringCall(step.cause(), session, plan.routine().signature()));
                        }
                    }
                    RowSet<Row> rows = call.result();
                    return Future.succeededFuture(rows.size() == 0 ? null : rows.iterator().next().getString(0));
                });
    }
}
