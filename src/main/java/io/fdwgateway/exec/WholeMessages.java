package io.fdwgateway.exec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionBase;

/**
 * Hands the pg client's decoder only whole protocol messages, so it never gathers bytes itself.
 *
 * <p>Why: the decoder keeps every read of a connection in one {@link CompositeByteBuf} until a
 * read happens to end on a message boundary, without dropping the messages it has consumed,
 * and that composite copies all it holds into one buffer each time it has more than 16 parts.
 * Postgres flushes its output in 8 KB blocks, not at message ends, so while a large result
 * streams in, reads almost never end on a boundary: the decoder copies the whole result so far
 * every 16 reads, a cost that grows with the square of the result (582 MB of heap for a 33 MB
 * answer). Here, a read that ends on a boundary (every small call's) goes on as it is, after
 * reading the five-byte headers of its messages; a read that ends inside a message passes on
 * its whole messages and keeps the tail; the tail grows by reference (no copy) until its
 * message is whole, and then goes on. The decoder is given a buffer it consumes entirely and
 * releases, so it never holds one across reads.
 *
 * <p>One instance per connection, placed before the client's {@code "codec"} handler by
 * {@link #install}; it runs on the connection's event loop only.
 */
final class WholeMessages extends ChannelInboundHandlerAdapter {

    static final String NAME = "gateway-whole-messages";
    private static final String PG_CODEC = "codec";

    /**
     * Reads a message may span before they are copied into one buffer: never reached by a chunk
     * of 1 MiB in reads of 1 KB or more; it bounds the read buffers held for a message that
     * arrives in many tiny reads.
     */
    static final int MAX_PARTS = 1024;

    /** Bytes read that do not yet end a message; null when the last read ended on a boundary. */
    private CompositeByteBuf tail;

    /**
     * Places the handler in the connection's pipeline, once. Reaches into the client's
     * implementation classes, as {@link PooledSockets} does; {@code LargeResultTest} fails if a
     * client upgrade changes them.
     *
     * @return whether the connection now has the handler
     */
    static boolean install(SqlConnection conn) {
        if (conn instanceof SqlConnectionBase<?> base && base.unwrap().unwrap() instanceof SocketConnectionBase socket) {
            ChannelPipeline pipeline = socket.socket().channelHandlerContext().pipeline();
            if (pipeline.get(NAME) != null) {
                return true;
            }
            if (pipeline.get(PG_CODEC) != null) {
                pipeline.addBefore(PG_CODEC, NAME, new WholeMessages());
                return true;
            }
        }
        return false;
    }

    /** Whether the connection's pipeline has the handler. */
    static boolean installed(SqlConnection conn) {
        return conn instanceof SqlConnectionBase<?> base && base.unwrap().unwrap() instanceof SocketConnectionBase socket
                && socket.socket().channelHandlerContext().pipeline().get(NAME) != null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf read)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (tail == null) {
            int end = lastBoundary(read);
            if (end == read.writerIndex()) {
                ctx.fireChannelRead(read);
                return;
            }
            if (end > read.readerIndex()) {
                ctx.fireChannelRead(read.readRetainedSlice(end - read.readerIndex()));
            }
            // unbounded parts: the composite must never consolidate (copy) itself
            tail = ctx.alloc().compositeBuffer(Integer.MAX_VALUE).addComponent(true, read);
            return;
        }
        int before = tail.writerIndex();
        int readStart = read.readerIndex();
        tail.addComponent(true, read);
        int end = lastBoundary(tail);
        if (end == tail.readerIndex()) {
            if (tail.numComponents() > MAX_PARTS) {
                // a trickle of tiny reads: one copy of the part so far frees their buffers
                tail.consolidate();
            }
            return; // the message is not whole yet
        }
        CompositeByteBuf whole = tail;
        if (end == whole.writerIndex()) {
            tail = null;
            ctx.fireChannelRead(whole);
            return;
        }
        // the first message ended inside this read, so every later boundary is in it too: the
        // bytes after `end` all lie in `read`, which the new tail keeps (by reference)
        ByteBuf rest = read.retainedSlice(readStart + (end - before), whole.writerIndex() - end);
        tail = ctx.alloc().compositeBuffer(Integer.MAX_VALUE).addComponent(true, rest);
        ctx.fireChannelRead(whole.writerIndex(end));
    }

    /**
     * The index just after the last whole message from the reader index on: the reader index
     * itself when not even the first message is whole. A message is a type byte and a length
     * (of itself, its four bytes included). A length no message can have gives the writer
     * index: everything goes on, and the decoder fails on it as it would without this handler.
     */
    static int lastBoundary(ByteBuf buf) {
        int at = buf.readerIndex();
        int end = buf.writerIndex();
        while (end - at >= 5) {
            int length = buf.getInt(at + 1);
            if (length < 4) {
                return end;
            }
            if (length + 1 > end - at) {
                break;
            }
            at += length + 1;
        }
        return at;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    private void release() {
        if (tail != null) {
            tail.release();
            tail = null;
        }
    }
}
