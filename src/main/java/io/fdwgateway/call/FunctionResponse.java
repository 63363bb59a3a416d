package io.fdwgateway.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a function asks of its HTTP answer, PostgREST's way: {@code response.status} (an
 * integer) and {@code response.headers} (a JSON array of single-key objects,
 * {@code [{"Cache-Control":"no-store"},{"Set-Cookie":"a=1"}]}), set inside the function with
 * {@code set_config(…, true)}. The same header rules apply to the headers of a
 * {@code RAISE SQLSTATE 'PGRST'}.
 *
 * <p>A header that would change how the answer is framed or carried ({@code Content-Length},
 * {@code Transfer-Encoding}, {@code Connection} and the other hop-by-hop fields), one the
 * gateway owns ({@code X-Request-Id}, the rate limit fields …), or a name or value that is
 * not valid HTTP is refused: left out of the answer and reported to the caller's log
 * callback. The rest of the answer goes out as usual.
 *
 * @param status  the status the function set, if it set one
 * @param headers the headers it set, in order, refused ones left out
 */
public record FunctionResponse(OptionalInt status, List<Map.Entry<String, String>> headers) {

    public static final FunctionResponse NONE = new FunctionResponse(OptionalInt.empty(), List.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VALUE_LENGTH = 8192;

    /** Framing, hop-by-hop (RFC 9110, section 7.6.1) and the gateway's own fields, lower case. */
    private static final Set<String> REFUSED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "host", "date",
            "x-request-id", "ratelimit", "ratelimit-policy", "retry-after", "idempotent-replayed",
            "preference-applied", "content-profile");

    public FunctionResponse {
        headers = List.copyOf(headers);
    }

    /** A setting that does not say what PostgREST's documentation says it must; the function author's mistake. */
    public static final class InvalidSetting extends IllegalArgumentException {
        public InvalidSetting(String message) {
            super(message);
        }
    }

    /**
     * @param status  {@code current_setting('response.status', true)}: null or empty when unset
     * @param headers {@code current_setting('response.headers', true)}: null or empty when unset
     * @param refused told the name of each header left out, for the log
     * @throws InvalidSetting when a setting is there but malformed
     */
    public static FunctionResponse of(String status, String headers, Consumer<String> refused) {
        OptionalInt code = status == null || status.isBlank() ? OptionalInt.empty() : OptionalInt.of(status(status));
        if (headers == null || headers.isBlank()) {
            return new FunctionResponse(code, List.of());
        }
        JsonNode array = parse(headers, "response.headers");
        if (!array.isArray()) {
            throw new InvalidSetting("response.headers is not a JSON array of single-key objects");
        }
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isObject() || element.size() != 1) {
                throw new InvalidSetting("response.headers holds an element that is not a single-key object");
            }
            Map.Entry<String, JsonNode> field = element.fields().next();
            if (!field.getValue().isTextual()) {
                throw new InvalidSetting("response.headers holds a header whose value is not a string");
            }
            keep(field.getKey(), field.getValue().textValue(), kept, refused);
        }
        return new FunctionResponse(code, kept);
    }

    /** An HTTP status a function may answer with: a final one, 200 to 599. */
    public static int status(String text) {
        try {
            int code = Integer.parseInt(text.trim());
            if (code >= 200 && code <= 599) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSetting("the response status is not an HTTP status from 200 to 599");
    }

    /** The headers of a JSON object ({@code RAISE SQLSTATE 'PGRST'} detail), by the same rules. */
    public static List<Map.Entry<String, String>> headers(JsonNode object, Consumer<String> refused) {
        if (object == null || object.isNull()) {
            return List.of();
        }
        if (!object.isObject()) {
            throw new InvalidSetting("headers is not a JSON object");
        }
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new InvalidSetting("headers holds a header whose value is not a string");
            }
            keep(field.getKey(), field.getValue().textValue(), kept, refused);
        }
        return kept;
    }

    /** A JSON object, for the parts of a {@code RAISE SQLSTATE 'PGRST'}. */
    public static JsonNode parseObject(String json, String what) {
        JsonNode node = parse(json, what);
        if (!node.isObject()) {
            throw new InvalidSetting(what + " is not a JSON object");
        }
        return node;
    }

    static JsonNode parse(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null) {
                throw new InvalidSetting(what + " is not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidSetting(what + " is not JSON");
        }
    }

    private static void keep(String name, String value, List<Map.Entry<String, String>> kept, Consumer<String> refused) {
        if (allowed(name, value)) {
            kept.add(Map.entry(name, value));
        } else {
            refused.accept(printable(name));
        }
    }

    /** Whether a function may set this header to this value. */
    public static boolean allowed(String name, String value) {
        return isToken(name) && !REFUSED.contains(name.toLowerCase(Locale.ROOT)) && isFieldValue(value);
    }

    /** RFC 9110 token: the characters a field name may have. */
    static boolean isToken(String name) {
        if (name.isEmpty() || name.length() > 256) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Visible characters, spaces and tabs only: no CR or LF that would start another field. */
    static boolean isFieldValue(String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().limit(64).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }
}
