package io.fdwgateway.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.fdwgateway.call.FunctionResponse;
import io.fdwgateway.error.GatewayError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * PostgREST's {@code RAISE SQLSTATE 'PGRST'}: the message is a JSON object
 * ({@code code, message, details, hint}) and the detail a JSON object ({@code status},
 * {@code headers} as an object), and the answer is that status with those members and headers.
 * A raise whose message or detail is not such JSON, or whose status is not 200 to 599, is the
 * function author's mistake: {@link FunctionResponse.InvalidSetting}.
 */
final class PgrstRaise {

    static final String SQLSTATE = "PGRST";

    private PgrstRaise() {
    }

    /**
     * @param message the raise's message ({@code code, message, details, hint})
     * @param detail  the raise's detail ({@code status, headers})
     * @param refused told each header name left out
     */
    static GatewayError.Raised of(String message, String detail, Consumer<String> refused) {
        if (message == null || detail == null) {
            throw new FunctionResponse.InvalidSetting("RAISE SQLSTATE 'PGRST' needs a JSON message and a JSON detail");
        }
        JsonNode body = FunctionResponse.parseObject(message, "the PGRST message");
        JsonNode answer = FunctionResponse.parseObject(detail, "the PGRST detail");
        JsonNode status = answer.get("status");
        if (status == null || !status.canConvertToInt() || !status.isIntegralNumber()) {
            throw new FunctionResponse.InvalidSetting("the PGRST detail has no integer status");
        }
        int code = FunctionResponse.status(Integer.toString(status.intValue()));
        Map<String, String> headers = new LinkedHashMap<>();
        List<Map.Entry<String, String>> kept = FunctionResponse.headers(answer.get("headers"), refused);
        for (Map.Entry<String, String> header : kept) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                refused.accept(header.getKey()); // the body is the gateway's problem+json
            } else {
                headers.putIfAbsent(header.getKey(), header.getValue());
            }
        }
        return new GatewayError.Raised(code, text(body, "code"), text(body, "message"), text(body, "details"),
                text(body, "hint"), java.util.Collections.unmodifiableMap(headers));
    }

    private static String text(JsonNode body, String member) {
        JsonNode value = body.get(member);
        return value == null || value.isNull() ? null : value.isTextual() ? value.textValue() : value.toString();
    }
}
