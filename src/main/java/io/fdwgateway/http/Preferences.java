package io.fdwgateway.http;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The request's {@code Prefer} header (RFC 7240), as PostgREST reads it: {@code return},
 * {@code count}, {@code tx} and {@code handling}. Every {@code Prefer} field of the request
 * counts; a preference named twice keeps its first value (RFC 7240, section 2); parameters
 * after {@code ;} are ignored. A preference the gateway does not know, or a known one with a
 * value it does not know, is listed in {@link #invalid()}: ignored under
 * {@code handling=lenient} (the default), refused with 400 {@code GW400-prefer} under
 * {@code handling=strict} (see {@link #parse}).
 *
 * <p>Which preferences were applied is for each stage to say; {@link #applied} writes the
 * {@code Preference-Applied} value from the tokens they name.
 *
 * @param returning {@code return=minimal|headers-only|representation}; never applied to RPC
 * @param count     {@code count=exact|planned|estimated}
 * @param tx        {@code tx=commit|rollback}
 * @param handling  {@code handling=strict|lenient}, lenient when absent
 * @param invalid   what was not understood, as sent but bounded and printable, for a message
 */
public record Preferences(Optional<Return> returning, Optional<Count> count, Optional<Tx> tx,
                          Handling handling, boolean handlingGiven, List<String> invalid) {

    public static final String HEADER = "Prefer";
    public static final String APPLIED = "Preference-Applied";

    /** More preferences than any client sends; beyond it the header is refused, not parsed. */
    static final int MAX_PREFERENCES = 32;

    public static final Preferences NONE =
            new Preferences(Optional.empty(), Optional.empty(), Optional.empty(), Handling.LENIENT, false, List.of());

    public Preferences {
        invalid = List.copyOf(invalid);
    }

    /** {@code return=…}: what a write answers with (PostgREST tables); an RPC always answers its result. */
    public enum Return {
        MINIMAL("minimal"), HEADERS_ONLY("headers-only"), REPRESENTATION("representation");

        private final String value;

        Return(String value) {
            this.value = value;
        }

        public String token() {
            return "return=" + value;
        }
    }

    /** {@code count=…}: the total row count in {@code Content-Range}. */
    public enum Count {
        EXACT("exact"), PLANNED("planned"), ESTIMATED("estimated");

        private final String value;

        Count(String value) {
            this.value = value;
        }

        public String token() {
            return "count=" + value;
        }
    }

    /** {@code tx=…}: whether the call's transaction ends in a commit or a rollback. */
    public enum Tx {
        COMMIT("commit"), ROLLBACK("rollback");

        private final String value;

        Tx(String value) {
            this.value = value;
        }

        public String token() {
            return "tx=" + value;
        }
    }

    /** {@code handling=…}: whether preferences the gateway cannot honour are ignored or refused. */
    public enum Handling {
        LENIENT("lenient"), STRICT("strict");

        private final String value;

        Handling(String value) {
            this.value = value;
        }

        public String token() {
            return "handling=" + value;
        }
    }

    /**
     * Every {@code Prefer} field of a request, in order. Never fails for a lenient request;
     * under {@code handling=strict} a preference in {@link #invalid()} is a 400.
     *
     * @throws GatewayException 400 {@code GW400-prefer}: strict handling with an invalid
     *                          preference, or more than {@value #MAX_PREFERENCES} preferences
     */
    public static Preferences parse(List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return NONE;
        }
        Return returning = null;
        Count count = null;
        Tx tx = null;
        Handling handling = null;
        List<String> invalid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int preferences = 0;
        for (String field : fields) {
            for (String element : splitOutsideQuotes(field, ',')) {
                String preference = element.trim();
                if (preference.isEmpty()) {
                    continue; // RFC 9110 list syntax allows empty elements
                }
                if (++preferences > MAX_PREFERENCES) {
                    throw refused("The Prefer header holds more than " + MAX_PREFERENCES + " preferences.");
                }
                // parameters (";…") qualify a preference; none of PostgREST's has any
                String head = splitOutsideQuotes(preference, ';').get(0).trim();
                int eq = head.indexOf('=');
                String name = (eq < 0 ? head : head.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : unquote(head.substring(eq + 1).trim()).toLowerCase(Locale.ROOT);
                if (!seen.add(name)) {
                    continue; // the first occurrence wins
                }
                boolean understood = switch (name) {
                    case "return" -> (returning = value(Return.values(), value, r -> r.value)) != null;
                    case "count" -> (count = value(Count.values(), value, c -> c.value)) != null;
                    case "tx" -> (tx = value(Tx.values(), value, t -> t.value)) != null;
                    case "handling" -> (handling = value(Handling.values(), value, h -> h.value)) != null;
                    default -> false;
                };
                if (!understood) {
                    invalid.add(printable(head));
                }
            }
        }
        Preferences parsed = new Preferences(Optional.ofNullable(returning), Optional.ofNullable(count),
                Optional.ofNullable(tx), handling == null ? Handling.LENIENT : handling, handling != null, invalid);
        if (parsed.handling == Handling.STRICT && !invalid.isEmpty()) {
            throw refused("Prefer: handling=strict, and these preferences are not understood: "
                    + String.join(", ", invalid) + ".");
        }
        return parsed;
    }

    /**
     * The {@code Preference-Applied} value for the preferences a stage honoured, or null when
     * none was (then the header is left out). {@code handling} is reported whenever the client
     * stated it, since it is always honoured.
     */
    public String applied(List<String> tokens) {
        List<String> all = new ArrayList<>(tokens);
        if (handlingGiven) {
            all.add(handling.token());
        }
        return all.isEmpty() ? null : String.join(", ", all);
    }

    private static <E> E value(E[] values, String value, Function<E, String> name) {
        for (E e : values) {
            if (name.apply(e).equals(value)) {
                return e;
            }
        }
        return null;
    }

    /** Splits on a separator that is not inside a quoted-string (where {@code \} escapes one character). */
    static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** A quoted-string's content; a token as it is. */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A client-sent preference, echoed without control characters and at a bounded length. */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(40).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > 40 ? sb + "…" : sb.toString();
    }

    private static GatewayException refused(String detail) {
        return new GatewayException(new GatewayError.BadRequest(ErrorCode.INVALID_PREFER, detail));
    }
}
