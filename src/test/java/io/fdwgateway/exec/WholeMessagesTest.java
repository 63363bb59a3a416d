package io.fdwgateway.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WholeMessages} cuts a connection's reads into whole Postgres protocol messages: what
 * it passes on is the stream it was given, byte for byte and in order, every piece made of
 * whole messages, a read that ends on a boundary passed on as it is, a message spread over
 * many reads gathered without a copy, and every buffer released.
 */
class WholeMessagesTest {

    /** A type byte, the length (itself included), then the payload. */
    private static byte[] message(char type, int payload, Random random) {
        byte[] m = new byte[5 + payload];
        m[0] = (byte) type;
        int length = 4 + payload;
        m[1] = (byte) (length >>> 24);
        m[2] = (byte) (length >>> 16);
        m[3] = (byte) (length >>> 8);
        m[4] = (byte) length;
        for (int i = 5; i < m.length; i++) {
            m[i] = (byte) random.nextInt();
        }
        return m;
    }

    /** Passes on what it is given, checking each is whole messages, keeping a copy. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        final List<Object> given = new ArrayList<>();
        int maxComponents;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            given.add(buf);
            assertEquals(buf.writerIndex(), WholeMessages.lastBoundary(buf), "only whole messages");
            if (buf.unwrap() instanceof CompositeByteBuf c) {
                maxComponents = Math.max(maxComponents, c.numComponents());
            } else if (buf instanceof CompositeByteBuf c) {
                maxComponents = Math.max(maxComponents, c.numComponents());
            }
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            seen.writeBytes(bytes);
            buf.release(); // as the pg client's decoder does once it has read everything
        }
    }

    @Test
    void randomCutsPassOnTheSameStreamInWholeMessages() {
        Random random = new Random(15);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int messages = 1 + random.nextInt(20);
            for (int i = 0; i < messages; i++) {
                int payload = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(10);
                    case 2 -> random.nextInt(1000);
                    default -> random.nextInt(200_000);
                };
                stream.writeBytes(message("DCZT".charAt(random.nextInt(4)), payload, random));
            }
            byte[] all = stream.toByteArray();
            Sink sink = new Sink();
            EmbeddedChannel channel = new EmbeddedChannel(new WholeMessages(), sink);
            List<ByteBuf> reads = new ArrayList<>();
            for (int at = 0; at < all.length; ) {
                int n = Math.min(all.length - at, 1 + random.nextInt(random.nextBoolean() ? 7 : 70_000));
                ByteBuf read = Unpooled.directBuffer(n).writeBytes(all, at, n);
                reads.add(read);
                channel.writeInbound(read);
                at += n;
            }
            assertArrayEquals(all, sink.seen.toByteArray(), "round " + round);
            for (ByteBuf read : reads) {
                assertEquals(0, read.refCnt(), "every read released");
            }
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aReadEndingOnABoundaryIsPassedOnAsItIs() {
        Random random = new Random(1);
        Sink sink = new Sink();
        EmbeddedChannel channel = new EmbeddedChannel(new WholeMessages(), sink);
        ByteBuf read = Unpooled.buffer().writeBytes(message('D', 30, random)).writeBytes(message('Z', 1, random));
        channel.writeInbound(read);
        assertEquals(1, sink.given.size());
        assertSame(read, sink.given.get(0));
        channel.finishAndReleaseAll();
    }

    @Test
    void aMessageOfManyReadsIsGatheredWithoutACopy() {
        Random random = new Random(2);
        byte[] big = message('D', 1 << 20, random);
        Sink sink = new Sink();
        EmbeddedChannel channel = new EmbeddedChannel(new WholeMessages(), sink);
        int reads = 0;
        for (int at = 0; at < big.length; at += 16_384, reads++) {
            int n = Math.min(16_384, big.length - at);
            channel.writeInbound(Unpooled.directBuffer(n).writeBytes(big, at, n));
        }
        assertEquals(1, sink.given.size());
        assertArrayEquals(big, sink.seen.toByteArray());
        // a composite that had consolidated (copied) itself would hold at most 16 parts
        assertEquals(reads, sink.maxComponents);
        assertTrue(reads > 16);
        channel.finishAndReleaseAll();
    }

    @Test
    void aMessageOfTinyReadsHoldsABoundedNumberOfThem() {
        Random random = new Random(3);
        byte[] big = message('D', 20_000, random);
        Sink sink = new Sink();
        EmbeddedChannel channel = new EmbeddedChannel(new WholeMessages(), sink);
        List<ByteBuf> reads = new ArrayList<>();
        for (int at = 0; at < big.length; at += 7) {
            int n = Math.min(7, big.length - at);
            ByteBuf read = Unpooled.directBuffer(n).writeBytes(big, at, n);
            reads.add(read);
            channel.writeInbound(read);
        }
        assertArrayEquals(big, sink.seen.toByteArray());
        assertTrue(sink.maxComponents <= WholeMessages.MAX_PARTS + 1, "parts held: " + sink.maxComponents);
        for (ByteBuf read : reads) {
            assertEquals(0, read.refCnt(), "every read released");
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void aMalformedLengthGoesOnToTheDecoder() {
        Sink sink = new Sink();
        EmbeddedChannel channel = new EmbeddedChannel(new WholeMessages(), sink);
        ByteBuf read = Unpooled.buffer().writeByte('D').writeInt(2).writeBytes(new byte[10]);
        assertEquals(read.writerIndex(), WholeMessages.lastBoundary(read));
        channel.writeInbound(read);
        assertEquals(1, sink.given.size(), "passed on, not held back waiting for a length that never comes");
        channel.finishAndReleaseAll();
    }
}
