package io.fdwgateway.exec;

import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.CallStatements;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.logging.LogText;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One call on one leased connection. All statements go out pipelined: begin, session
 * settings, call, commit, and the session reset, one network round trip. The caller's
 * answer is settled once, by whichever comes first:
 * <ul>
 *   <li>the transaction's results (the first failed statement is the one reported);</li>
 *   <li>the connection breaking or Postgres sending a fatal error on it (503);</li>
 *   <li>the deadline, the statement timeout plus a margin, which catches the calls Postgres
 *       itself cannot interrupt (504).</li>
 * </ul>
 * The connection goes back to the pool only after every statement, the reset included, has
 * answered normally. Otherwise it is cancelled if still busy and closed, never reused: a
 * connection that misses an answer would hand the next caller its predecessor's results, and
 * one whose reset failed would hand it the predecessor's session.
 */
final class RunningCall {

    private static final Logger LOG = Logger.getLogger(RunningCall.class);

    private final Vertx vertx;
    private final SqlConnection conn;
    private final CallPlan plan;
    private final CallSession session;
    private final CallStatements statements;
    private final Duration statementTimeout;
    private final long deadlineMillis;
    private final Promise<CallResult> answer = Promise.promise();
    /** Set once the connection's fate (back to the pool, or closed) is decided. */
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean discarding;
    private volatile boolean socketGone;
    private volatile boolean cancelSent;
    private volatile long timer = -1;

    RunningCall(Vertx vertx, SqlConnection conn, CallPlan plan, CallSession session, CallStatements statements,
                Duration statementTimeout, long deadlineMillis) {
        this.vertx = vertx;
        this.conn = conn;
        this.plan = plan;
        this.session = session;
        this.statements = statements;
        this.statementTimeout = statementTimeout;
        this.deadlineMillis = deadlineMillis;
    }

    Future<CallResult> start(Future<Void> clientGone) {
        conn.exceptionHandler(this::broken);
        conn.closeHandler(v -> socketClosed());
        if (conn instanceof PgConnection pg) {
            // a function's RAISE NOTICE may quote data: never at INFO
            pg.noticeHandler(n -> LOG.debugf("[%s] notice %s: %s", session.requestId(), n.getCode(),
                    LogText.escape(n.getMessage())));
        }
        timer = vertx.setTimer(deadlineMillis, id -> expired());

        Future<RowSet<Row>> begin = conn.query(statements.begin(plan)).execute();
        Future<RowSet<Row>> settings = conn.preparedQuery(CallStatements.SESSION_SETTINGS).execute(
                statements.sessionSettings(session.role(), session.claimsJson(), session.method(), session.path(),
                        session.headersJson(), session.cookiesJson(), statementTimeout));
        Future<RowSet<Row>> preRequest = statements.preRequest()
                .map(sql -> conn.preparedQuery(sql).execute())
                .orElse(null);
        Future<RowSet<Row>> call = conn.preparedQuery(plan.sql()).execute(statements.callValues(plan));
        Future<RowSet<Row>> response = conn.preparedQuery(CallStatements.RESPONSE_SETTINGS).execute();
        Future<RowSet<Row>> commit = conn.query(session.rollback() ? CallStatements.ROLLBACK : CallStatements.COMMIT).execute();
        List<Future<RowSet<Row>>> reset = new ArrayList<>(CallStatements.SESSION_RESET.size());
        for (String sql : CallStatements.SESSION_RESET) {
            reset.add(conn.preparedQuery(sql).execute());
        }

        List<Future<RowSet<Row>>> transaction = preRequest == null
                ? List.of(begin, settings, call, response, commit)
                : List.of(begin, settings, preRequest, call, response, commit);
        Future.join(transaction).onComplete(ar -> answer(transaction, call, response));
        clientGone.onComplete(v -> clientClosed());
        Future.join(List.of(Future.join(transaction), Future.all(reset))).onComplete(ar -> {
            // the transaction may have failed normally (its error answered); the reset must not have.
            // After a cancel request, only a statement cancelled by it proves that it was spent: one
            // still on its way could cancel the next caller's statement, so that connection is closed.
            boolean cancelSpent = !cancelSent || transaction.stream().anyMatch(RunningCall::cancelled);
            if (reset.stream().allMatch(Future::succeeded) && commit.succeeded() && cancelSpent) {
                release();
            } else {
                discard();
            }
        });
        return answer.future();
    }

    private void answer(List<Future<RowSet<Row>>> transaction, Future<RowSet<Row>> call,
                        Future<RowSet<Row>> response) {
        if (answer.future().isComplete()) {
            return; // the deadline or a broken connection answered first
        }
        for (Future<RowSet<Row>> step : transaction) {
            if (step.failed()) {
                answer.tryFail(FailureClassifier.duringCall(step.cause(), session, plan, step == call));
                return;
            }
        }
        // (chunk, length, offset[, rows sent, rows counted]): one row unless the result is large
        RowSet<Row> rows = call.result();
        Row row = rows.size() == 0 ? null : rows.iterator().next();
        Integer size = row == null ? null : row.getInteger(1);
        Buffer json = row == null ? null : rows.size() == 1 ? row.getBuffer(0) : ChunkedBody.of(rows, size);
        if (json == null && size != null && size > statements.maxResponseBytes()) {
            answer.tryFail(FailureClassifier.tooLarge(session, plan, size, statements.maxResponseBytes()));
        } else if (json == null && size != null) {
            answer.tryFail(new IllegalStateException("the chunks of a result did not add up to its " + size + " bytes"));
        } else {
            Row asked = response.result().iterator().next();
            boolean shaped = row != null && row.size() >= 5;
            try {
                answer.tryComplete(new CallResult(json,
                        ResponseSettings.read(asked.getString(0), asked.getString(1), session, plan),
                        shaped ? row.getLong(3) : null, shaped ? row.getLong(4) : null));
            } catch (GatewayException e) {
                answer.tryFail(e);
            }
        }
    }

    /**
     * The client closed its connection before the answer: cancel the statement that is running;
     * the pipelined commit then ends the failed transaction and the reset runs as always, so the
     * connection goes back to the pool.
     */
    private void clientClosed() {
        if (finished.get() || answer.future().isComplete()) {
            return;
        }
        answer.tryFail(FailureClassifier.clientGone(session));
        if (conn instanceof PgConnection pg) {
            cancelSent = true;
            pg.cancelRequest().onFailure(e -> LOG.debugf("[%s] cancel request failed: %s", session.requestId(),
                    LogText.escape(e.getMessage())));
        }
    }

    private static boolean cancelled(Future<RowSet<Row>> step) {
        return step != null && step.failed() && step.cause() instanceof PgException pg
                && "57014".equals(pg.getSqlState());
    }

    /** Postgres sent a fatal error on this connection (the client reports those apart), or the socket failed. */
    private void broken(Throwable cause) {
        if (!answer.future().isComplete()) {
            answer.tryFail(FailureClassifier.duringCall(cause, session, plan, false));
        }
        discard();
    }

    private void socketClosed() {
        socketGone = true;
        if (discarding) {
            releaseLater();
        } else {
            broken(new VertxException("the database connection closed during the call", true));
        }
    }

    private void expired() {
        if (finished.get()) {
            return;
        }
        GatewayException deadline = FailureClassifier.deadline(session, plan, deadlineMillis);
        answer.tryFail(deadline);
        if (conn instanceof PgConnection pg) {
            pg.cancelRequest().onFailure(e -> LOG.debugf("[%s] cancel request failed: %s", session.requestId(),
                    LogText.escape(e.getMessage())));
        }
        discard();
    }

    private void release() {
        if (finished.compareAndSet(false, true) && released.compareAndSet(false, true)) {
            vertx.cancelTimer(timer);
            conn.close();
        }
    }

    /**
     * Closes the socket; the lease is handed back only after the pool has seen the connection
     * close (it then drops it), so no other caller can be given the dying connection.
     */
    private void discard() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        vertx.cancelTimer(timer);
        discarding = true;
        if (socketGone) {
            releaseLater();
        }
        PooledSockets.close(conn).onFailure(e -> {
            LOG.errorf("[%s] could not close a broken database connection: %s", session.requestId(),
                    LogText.escape(e.getMessage()));
            releaseLater();
        });
    }

    /** After the pool's own close handling has run (it runs right after the connection's close handler). */
    private void releaseLater() {
        if (released.compareAndSet(false, true)) {
            vertx.runOnContext(v -> conn.close());
        }
    }
}
