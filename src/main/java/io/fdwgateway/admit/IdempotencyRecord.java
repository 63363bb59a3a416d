package io.fdwgateway.admit;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the store holds under an idempotency key, as bytes: either the marker of a call still
 * running (its fingerprint and a random token naming this one run, so that only the replica that
 * set it replaces or removes it), or the call's answer with its fingerprint.
 */
sealed interface IdempotencyRecord {

    byte VERSION = 1;
    byte RUNNING = 'R';
    byte DONE = 'D';

    byte[] fingerprint();

    Buffer encode();

    /** A call running: its fingerprint and a token unique to this run. */
    record Running(byte[] fingerprint, byte[] token) implements IdempotencyRecord {
        static Running start(byte[] fingerprint) {
            byte[] token = new byte[16];
            ThreadLocalRandom.current().nextBytes(token);
            return new Running(fingerprint, token);
        }

        public Buffer encode() {
            return Buffer.buffer(2 + Fingerprint.LENGTH + token.length)
                    .appendByte(VERSION).appendByte(RUNNING).appendBytes(fingerprint).appendBytes(token);
        }
    }

    /** A call answered, with the answer to replay. */
    record Done(byte[] fingerprint, StoredAnswer answer) implements IdempotencyRecord {
        public Buffer encode() {
            Buffer b = Buffer.buffer().appendByte(VERSION).appendByte(DONE).appendBytes(fingerprint)
                    .appendShort((short) answer.status()).appendShort((short) answer.headers().size());
            for (Map.Entry<String, String> h : answer.headers()) {
                appendString(b, h.getKey());
                appendString(b, h.getValue());
            }
            if (answer.body() == null) {
                b.appendInt(-1);
            } else {
                b.appendInt(answer.body().length()).appendBuffer(answer.body());
            }
            return b;
        }
    }

    /** Same call when the fingerprints are equal. */
    default boolean sameCall(byte[] other) {
        return Arrays.equals(fingerprint(), other);
    }

    static IdempotencyRecord decode(Buffer b) {
        if (b.length() < 2 + Fingerprint.LENGTH || b.getByte(0) != VERSION) {
            throw new IllegalArgumentException("not an idempotency record of this version");
        }
        byte[] fingerprint = b.getBytes(2, 2 + Fingerprint.LENGTH);
        int pos = 2 + Fingerprint.LENGTH;
        if (b.getByte(1) == RUNNING) {
            return new Running(fingerprint, b.getBytes(pos, b.length()));
        }
        int status = b.getShort(pos);
        int count = b.getShort(pos + 2);
        pos += 4;
        List<Map.Entry<String, String>> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int nameLength = b.getInt(pos);
            String name = b.getString(pos + 4, pos + 4 + nameLength, StandardCharsets.UTF_8.name());
            pos += 4 + nameLength;
            int valueLength = b.getInt(pos);
            String value = b.getString(pos + 4, pos + 4 + valueLength, StandardCharsets.UTF_8.name());
            pos += 4 + valueLength;
            headers.add(Map.entry(name, value));
        }
        int bodyLength = b.getInt(pos);
        Buffer body = bodyLength < 0 ? null : b.getBuffer(pos + 4, pos + 4 + bodyLength);
        return new Done(fingerprint, new StoredAnswer(status, headers, body));
    }

    private static void appendString(Buffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.appendInt(bytes.length).appendBytes(bytes);
    }
}
