package io.fdwgateway.admit;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * An answer as the gateway sent it, kept for replay: status, the headers the gateway set (not
 * the per-request ones: request id, rate limits) and the body, byte for byte. The body is
 * caller data: it is never logged.
 *
 * @param body the body, or null for none (204)
 */
public record StoredAnswer(int status, List<Map.Entry<String, String>> headers, Buffer body) {

    public StoredAnswer {
        headers = List.copyOf(headers);
    }

    /** Only these are kept: a 5xx says nothing final about the call, so a retry must run it again. */
    public boolean storable() {
        return status >= 200 && status < 500;
    }
}
