package io.fdwgateway.call;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import java.util.List;
import java.util.Map;

/**
 * Reads named arguments from a JSON body or a query string. Strict on purpose: duplicate
 * keys or parameters are refused rather than silently resolved, because two parsers that
 * resolve them differently are a classic way to smuggle a value past a check.
 */
public final class ArgumentReader {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            // numbers pass through digit for digit: 1.50 stays 1.50 for a numeric argument
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private ArgumentReader() {
    }

    /** A POST body: empty, or one JSON object. */
    public static Arguments fromBody(String body) {
        if (body == null || body.isBlank()) {
            return new Arguments(JsonNodeFactory.instance.objectNode());
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad(ErrorCode.INVALID_BODY, "The request body is not valid JSON"
                    + (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? ": it repeats a key." : "."));
        } catch (NumberFormatException e) {
            // an exponent beyond what a number can hold (1e9999999999): the client's mistake, not ours
            throw bad(ErrorCode.INVALID_BODY, "The request body holds a number out of range.");
        }
        if (node == null || !node.isObject()) {
            throw bad(ErrorCode.INVALID_BODY, "The request body must be a JSON object of named arguments.");
        }
        if (Arguments.containsNul(node)) {
            throw bad(ErrorCode.INVALID_ARGUMENT, "Arguments may not contain NUL characters.");
        }
        return new Arguments((ObjectNode) node);
    }

    /** Query parameters: every value is text, and Postgres parses it by the argument's type. */
    public static Arguments fromQuery(Map<String, List<String>> parameters) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            if (e.getValue().size() != 1) {
                throw bad(ErrorCode.INVALID_ARGUMENT, "Query parameter '" + printable(e.getKey()) + "' is repeated.");
            }
            values.put(e.getKey(), e.getValue().get(0));
        }
        if (Arguments.containsNul(values)) {
            throw bad(ErrorCode.INVALID_ARGUMENT, "Arguments may not contain NUL characters.");
        }
        return new Arguments(values);
    }

    /** Echo a client-sent name in a message without control characters and at a bounded length. */
    static String printable(String name) {
        String cleaned = name.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }

    static GatewayException bad(String code, String detail) {
        return new GatewayException(new GatewayError.BadRequest(code, detail));
    }
}
