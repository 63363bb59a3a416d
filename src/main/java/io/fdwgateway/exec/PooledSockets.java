package io.fdwgateway.exec;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionBase;

/**
 * Reaches the network connection under a pool connection, for what the SQL client has no public
 * way to do: coalescing its flushes, and closing it. The SQL client has no public way to drop a
 * pooled connection: {@link SqlConnection#close()} hands it back to the pool, and
 * after an unsolicited fatal error the client marks the connection closed without closing its
 * socket. Closing the socket makes the pool remove the connection for good, and makes Postgres
 * end its backend once it notices. This reaches into the client's implementation classes;
 * {@code CallDeadlineTest} and {@code FlushConsolidationTest} fail if a client upgrade changes them.
 */
final class PooledSockets {

    private PooledSockets() {
    }

    /** The name of the handler {@link #consolidateFlushes} adds to the connection's channel. */
    static final String FLUSH_CONSOLIDATION = "fdw-gateway-flush-consolidation";

    /**
     * Makes the connection's channel write what it was asked to flush once per event-loop task, or
     * once per read of Postgres' answers, instead of once per statement. The client flushes after
     * each statement it is given, so a call's pipelined statements (begin, settings, call, commit,
     * the session reset) went out in as many socket writes; they now go out in one, as pgbench's
     * pipeline sends them. The statements, their order, and when each is answered do not change.
     * Added between the protocol codec and the socket (or TLS), so TLS records are not split.
     *
     * @return false when the connection is not the client's pooled kind (nothing changed)
     */
    static boolean consolidateFlushes(SqlConnection conn) {
        if (conn instanceof SqlConnectionBase<?> base && base.unwrap().unwrap() instanceof SocketConnectionBase socket) {
            ChannelPipeline pipeline = socket.socket().channelHandlerContext().pipeline();
            if (pipeline.get(FLUSH_CONSOLIDATION) == null && pipeline.get("codec") != null) {
                pipeline.addBefore("codec", FLUSH_CONSOLIDATION, new FlushConsolidationHandler(
                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
            }
            return pipeline.get(FLUSH_CONSOLIDATION) != null;
        }
        return false;
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
