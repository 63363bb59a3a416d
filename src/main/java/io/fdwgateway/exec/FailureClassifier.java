package io.fdwgateway.exec;

import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.FunctionResponse;
import io.fdwgateway.error.DatabaseFailure;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.error.SqlStateTable;
import io.fdwgateway.logging.LogText;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Sorts a failure into the error table, and logs it once, with the request id, at a level
 * that keeps client data out of INFO logs.
 *
 * <p>Where an error came from decides what the client may read. Converting the caller's
 * arguments to their parameter types happens in the call statement itself, before the
 * function runs, and Postgres reports such an error with no context; an error raised while
 * the function body runs always carries the body's context ({@code SQL function "f"},
 * {@code PL/pgSQL function f(...) line 3}): definer functions are never inlined.
 */
final class FailureClassifier {

    private static final Logger LOG = Logger.getLogger(FailureClassifier.class);

    private FailureClassifier() {
    }

    /** A failure to get a connection at all: the database is down or the pool is full. */
    static GatewayException unavailable(Throwable cause, CallSession session) {
        LOG.warnf("[%s] no database connection: %s", session.requestId(), describe(cause));
        return new GatewayException(new GatewayError.Unavailable("The database is not available; retry later."), cause);
    }

    /**
     * A failure while the call ran on a connection.
     *
     * @param ofCall whether the failed statement is the call itself (not begin, settings or commit)
     */
    static GatewayException duringCall(Throwable cause, CallSession session, CallPlan plan, boolean ofCall) {
        if (cause instanceof GatewayException ge) {
            return ge;
        }
        String routine = LogText.escape(plan.routine().signature());
        if (cause instanceof PgException pg && PgrstRaise.SQLSTATE.equals(pg.getSqlState())) {
            return raised(pg, session, routine);
        }
        if (cause instanceof PgException pg) {
            // the statement converts the caller's arguments and, for a shaped result, filter values
            boolean fromArguments = ofCall && (plan.argumentsJson() != null || plan.form().shaped())
                    && (pg.getWhere() == null || pg.getWhere().isBlank());
            DatabaseFailure failure = new DatabaseFailure(pg.getSqlState(), pg.getErrorMessage(), pg.getHint(),
                    pg.getConstraint(), fromArguments);
            GatewayError mapped = SqlStateTable.map(failure,
                    new SqlStateTable.CallerContext(session.authenticated(), plan.allow()));
            if (mapped.status() >= 500) {
                LOG.warnf("[%s] %s failed with SQLSTATE %s (%d): %s", session.requestId(), routine,
                        failure.sqlState(), mapped.status(), LogText.escape(pg.getErrorMessage()));
            } else if (!fromArguments && (failure.sqlState().startsWith("22") || failure.sqlState().startsWith("23"))) {
                // raised inside the body: withheld from the client, so the operator must be able to find it
                LOG.infof("[%s] %s failed with SQLSTATE %s (%d, message withheld from the client): %s [%s]",
                        session.requestId(), routine, failure.sqlState(), mapped.status(),
                        LogText.escape(pg.getErrorMessage()), LogText.escape(pg.getWhere()));
            } else {
                // the caller's own values, the author's RAISE, or an answer the status says all about
                LOG.debugf("[%s] %s failed with SQLSTATE %s: %s", session.requestId(), routine, failure.sqlState(),
                        LogText.escape(pg.getErrorMessage()));
            }
            return new GatewayException(mapped, cause);
        }
        if (cause instanceof IOException || cause instanceof VertxException || cause instanceof NoStackTraceThrowable) {
            // the connection broke mid-call (database restarting, network cut); the pg client
            // fails statements queued on a connection that closed meanwhile with a NoStackTraceThrowable
            return unavailable(cause, session);
        }
        LOG.errorf(LogText.escape(cause), "[%s] %s failed unexpectedly", session.requestId(), routine);
        return new GatewayException(new GatewayError.Internal(), cause);
    }

    /** The function answered with a status and headers of its own, or got that raise wrong (500, logged). */
    private static GatewayException raised(PgException pg, CallSession session, String routine) {
        try {
            GatewayError.Raised raised = PgrstRaise.of(pg.getErrorMessage(), pg.getDetail(), name ->
                    LOG.warnf("[%s] %s raised PGRST with header %s, which a function may not set: left out",
                            session.requestId(), routine, LogText.escape(name)));
            LOG.debugf("[%s] %s raised PGRST with status %d", session.requestId(), routine, raised.status());
            return new GatewayException(raised, pg);
        } catch (FunctionResponse.InvalidSetting e) {
            LOG.errorf("[%s] %s raised SQLSTATE PGRST that cannot be answered: %s", session.requestId(), routine,
                    e.getMessage());
            return new GatewayException(new GatewayError.Internal(), pg);
        }
    }

    /** The result is larger than the configured limit; Postgres withheld it. */
    static GatewayException tooLarge(CallSession session, CallPlan plan, long size, long limit) {
        LOG.warnf("[%s] %s produced a result of %d bytes, over gateway.max-response-bytes (%d): not sent",
                session.requestId(), LogText.escape(plan.routine().signature()), size, limit);
        return new GatewayException(new GatewayError.ResponseTooLarge(limit));
    }

    /**
     * The client closed its connection before the answer: nobody reads this one. A 5xx, so an
     * idempotent call's key is not kept and a retry runs the call again.
     */
    static GatewayException clientGone(CallSession session) {
        LOG.infof("[%s] the client closed the connection before the answer: the call is cancelled",
                session.requestId());
        return new GatewayException(new GatewayError.Unavailable(ErrorCode.DATABASE_UNAVAILABLE,
                "The client closed the connection before the answer."));
    }

    /** Postgres did not answer in time; the connection is being cancelled and closed. */
    static GatewayException deadline(CallSession session, CallPlan plan, long millis) {
        LOG.warnf("[%s] %s: no answer from the database within %d ms; cancelling the call and closing its connection",
                session.requestId(), LogText.escape(plan.routine().signature()), millis);
        return new GatewayException(new GatewayError.Deadline());
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + LogText.escape(cause.getMessage()));
    }
}
