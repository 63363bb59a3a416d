package io.fdwgateway.exec;

import io.fdwgateway.call.SqlBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * The body of a result that came in several rows (see {@link SqlBuilder}): one buffer made of
 * the chunks as the client decoded them, side by side, not copied into one. Writing it hands
 * the chunks to the socket as they are; {@link Buffer#length()}, {@link Buffer#getBytes()}
 * and the rest read through them, so the response cache and the idempotency store keep it
 * like any other body.
 */
final class ChunkedBody {

    private ChunkedBody() {
    }

    /**
     * @param rows  the call's rows, each {@code (chunk, length, offset, …)}; more than one
     * @param size  the whole length, from the first row
     * @return the body; null when the chunks do not add up to {@code size} (a broken answer)
     */
    @SuppressWarnings("deprecation") // Buffer.getByteBuf/buffer(ByteBuf): Vert.x 4's way to share bytes without a copy
    static Buffer of(RowSet<Row> rows, int size) {
        ByteBuf[] parts = new ByteBuf[rows.size()];
        int length = 0;
        for (Row row : rows) {
            Buffer chunk = row.getBuffer(0);
            Integer offset = row.getInteger(2);
            if (chunk == null || offset == null) {
                return null;
            }
            // placed by offset: the rows come in offset order, but nothing here depends on it
            int index = (offset - 1) / SqlBuilder.CHUNK_BYTES;
            if (index < 0 || index >= parts.length || parts[index] != null) {
                return null;
            }
            parts[index] = chunk.getByteBuf();
            length += chunk.length();
        }
        if (length != size) {
            return null;
        }
        return Buffer.buffer(Unpooled.wrappedBuffer(parts.length, parts));
    }
}
