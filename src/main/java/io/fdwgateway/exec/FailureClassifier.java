package io.fdwgateway.exec;

import io.fdwgateway.error.DatabaseFailure;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.error.SqlStateTable;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Sorts a failure into the error table, and logs it once, with the request id, at a level
 * that keeps client data out of INFO logs.
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

    /** A failure while the call ran on a connection. */
    static GatewayException duringCall(Throwable cause, CallSession session, String routine) {
        if (cause instanceof GatewayException ge) {
            return ge;
        }
        if (cause instanceof PgException pg) {
            GatewayError mapped = SqlStateTable.map(new DatabaseFailure(pg.getSqlState(), pg.getErrorMessage(),
                    pg.getHint()), new SqlStateTable.CallerContext(session.authenticated()));
            if (mapped.status() >= 500) {
                LOG.warnf("[%s] %s failed with SQLSTATE %s (%d): %s", session.requestId(), routine, pg.getSqlState(),
                        mapped.status(), pg.getErrorMessage());
            } else {
                LOG.debugf("[%s] %s failed with SQLSTATE %s: %s", session.requestId(), routine, pg.getSqlState(),
                        pg.getErrorMessage());
            }
            return new GatewayException(mapped, cause);
        }
        if (cause instanceof IOException || cause instanceof VertxException) {
            // the connection broke mid-call (database restarting, network cut)
            return unavailable(cause, session);
        }
        LOG.errorf(cause, "[%s] %s failed unexpectedly", session.requestId(), routine);
        return new GatewayException(new GatewayError.Internal(), cause);
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
