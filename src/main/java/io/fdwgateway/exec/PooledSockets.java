package io.fdwgateway.exec;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionBase;

/**
 * Closes the network connection under a leased pool connection. The SQL client has no public
 * way to drop a pooled connection: {@link SqlConnection#close()} hands it back to the pool, and
 * after an unsolicited fatal error the client marks the connection closed without closing its
 * socket. Closing the socket makes the pool remove the connection for good, and makes Postgres
 * end its backend once it notices. This reaches into the client's implementation classes;
 * {@code CallDeadlineTest} fails if a client upgrade changes them.
 */
final class PooledSockets {

    private PooledSockets() {
    }

    /** Closes the socket; fails when the connection is not the client's pooled kind. */
    static Future<Void> close(SqlConnection conn) {
        if (conn instanceof SqlConnectionBase<?> base && base.unwrap().unwrap() instanceof SocketConnectionBase socket) {
            return socket.socket().close();
        }
        return Future.failedFuture(new IllegalStateException(
                "cannot reach the socket of a " + conn.getClass().getName() + "; the SQL client changed"));
    }
}
