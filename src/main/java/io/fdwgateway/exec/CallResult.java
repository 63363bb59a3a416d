package io.fdwgateway.exec;

import io.fdwgateway.call.FunctionResponse;
import io.vertx.core.buffer.Buffer;

/**
 * What a call produced: the JSON Postgres built, as the UTF-8 bytes Postgres sent. The bytes
 * are never decoded into a string or copied again: write {@link #body()} to the response as
 * it is, with {@code Content-Type: application/json; charset=utf-8}.
 *
 * @param json     the JSON bytes (or CSV, or text, as the plan's form says): for a large result,
 *                 the chunks it came in, side by side ({@link ChunkedBody}); null when the
 *                 function returned SQL NULL (or is void)
 * @param response the status and headers the function asked for ({@code response.status},
 *                 {@code response.headers})
 * @param rows     for a shaped result, the rows sent; else null
 * @param total    for a shaped result with {@code count=exact}, the rows that passed the filters; else null
 */
public record CallResult(Buffer json, FunctionResponse response, Long rows, Long total) {

    public CallResult(Buffer json) {
        this(json, FunctionResponse.NONE, null, null);
    }

    private static final byte[] JSON_NULL = {'n', 'u', 'l', 'l'};

    /** The response body of a non-void function: the JSON bytes, or {@code null} for SQL NULL. */
    public Buffer body() {
        return json != null ? json : Buffer.buffer(JSON_NULL);
    }

    /** Bytes of JSON Postgres sent (0 for SQL NULL). */
    public int length() {
        return json == null ? 0 : json.length();
    }
}
