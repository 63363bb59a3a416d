package io.fdwgateway.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionBase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pool's connections write a call's pipelined statements in one socket write: the SQL client
 * flushes after each statement it is given, and the handler {@link PooledSockets#consolidateFlushes}
 * adds to every new connection turns those into one flush per event-loop task. Fails if a client
 * upgrade changes the classes it reaches into.
 */
@QuarkusTest
@TestProfile(OneConnectionProfile.class)
class FlushConsolidationTest {

    private static final String SUM = "select $1::int4 + 1";

    @Inject
    Pool pool;

    /** Counts the flushes that reach the socket (it sits next to it, after every other handler). */
    private static final class SocketFlushes extends ChannelOutboundHandlerAdapter {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count.incrementAndGet();
            ctx.flush();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void statementsGivenInOneTaskGoOutInOneFlush() throws Exception {
        SqlConnection conn = await(pool.getConnection());
        SocketFlushes flushes = new SocketFlushes();
        ChannelPipeline pipeline = null;
        try {
            assertTrue(conn instanceof SqlConnectionBase<?> base && base.unwrap().unwrap() instanceof SocketConnectionBase,
                    "the pool's connections are the SQL client's socket connections");
            SocketConnectionBase socket = (SocketConnectionBase) ((SqlConnectionBase<?>) conn).unwrap().unwrap();
            pipeline = socket.socket().channelHandlerContext().pipeline();
            assertTrue(pipeline.names().contains(PooledSockets.FLUSH_CONSOLIDATION), pipeline.names().toString());
            // prepared once before, as the gateway's statements are after a connection's first calls
            await(conn.preparedQuery(SUM).execute(Tuple.of(0)));
            pipeline.addFirst("test-socket-flushes", flushes);

            // as a call gives them: one after the other, on the connection's event loop
            CompletableFuture<List<Future<RowSet<Row>>>> given = new CompletableFuture<>();
            pipeline.channel().eventLoop().execute(() -> {
                List<Future<RowSet<Row>>> answers = new ArrayList<>();
                answers.add(conn.query("begin read only").execute());
                for (int i = 1; i <= 5; i++) {
                    answers.add(conn.preparedQuery(SUM).execute(Tuple.of(i)));
                }
                answers.add(conn.query("commit").execute());
                given.complete(answers);
            });
            List<Future<RowSet<Row>>> answers = given.get(10, TimeUnit.SECONDS);
            await(Future.all(answers));
            for (int i = 1; i <= 5; i++) {
                assertEquals(i + 1, answers.get(i).result().iterator().next().getInteger(0),
                        "each statement has its own answer, in order");
            }
            assertEquals(1, flushes.count.get(), "seven statements, one write to the socket");

            // a statement given alone, from another thread, is still sent
            assertEquals(2, await(conn.query("select 2").execute()).iterator().next().getInteger(0));
        } finally {
            if (pipeline != null && pipeline.get("test-socket-flushes") != null) {
                pipeline.remove("test-socket-flushes");
            }
            await(conn.close());
        }
    }
}
