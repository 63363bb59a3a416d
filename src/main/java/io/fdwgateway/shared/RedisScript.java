package io.fdwgateway.shared;

import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A Lua script and its SHA-1, the name Redis caches it under for EVALSHA. */
record RedisScript(String source, String sha) {

    RedisScript(String source) {
        this(source, sha1(source));
    }

    Request request(Command command, List<String> keys, List<Object> args) {
        Request request = Request.cmd(command).arg(command == Command.EVALSHA ? sha : source).arg(keys.size());
        keys.forEach(request::arg);
        for (Object arg : args) {
            if (arg instanceof Buffer b) {
                request.arg(b);
            } else if (arg instanceof Long l) {
                request.arg(l);
            } else {
                request.arg(String.valueOf(arg));
            }
        }
        return request;
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
