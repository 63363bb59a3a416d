package io.fdwgateway.cache;

import io.fdwgateway.admit.StoredAnswer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A cached answer and when it was stored (for {@code Age}). Its body is caller data: never logged.
 *
 * @param storedAtMillis epoch milliseconds of the call that produced it
 */
public record CachedAnswer(StoredAnswer answer, long storedAtMillis) {

    /** The answer as bytes, for a shared store. */
    Buffer encode() {
        JsonArray headers = new JsonArray();
        answer.headers().forEach(h -> headers.add(new JsonArray().add(h.getKey()).add(h.getValue())));
        JsonObject json = new JsonObject().put("t", storedAtMillis).put("s", answer.status()).put("h", headers);
        if (answer.body() != null) {
            json.put("b", Base64.getEncoder().encodeToString(answer.body().getBytes()));
        }
        return json.toBuffer();
    }

    static CachedAnswer decode(Buffer bytes) {
        JsonObject json = bytes.toJsonObject();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Object h : json.getJsonArray("h")) {
            JsonArray pair = (JsonArray) h;
            headers.add(Map.entry(pair.getString(0), pair.getString(1)));
        }
        String body = json.getString("b");
        return new CachedAnswer(new StoredAnswer(json.getInteger("s"), headers,
                body == null ? null : Buffer.buffer(Base64.getDecoder().decode(body))), json.getLong("t"));
    }
}
