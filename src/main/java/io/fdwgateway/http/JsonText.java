package io.fdwgateway.http;

import java.util.Map;

/**
 * A JSON object of strings written straight into text, escaped exactly as Jackson escapes (and
 * so as {@code JsonObject.encode()} wrote it before): {@code "} and {@code \} with a backslash,
 * backspace, tab, form feed, line feed and carriage return by their short escapes, the other
 * control characters as a backslash, {@code u00} and two upper-case hex digits, everything else
 * as it is. The request's headers are written for every call; going through Jackson cost a
 * generator, its buffers and a map of JSON values per call for a few short strings.
 */
final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    static String object(Map<String, String> members) {
        StringBuilder out = new StringBuilder(64);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quoted(out, member.getKey());
            out.append(':');
            quoted(out, member.getValue());
        }
        return out.append('}').toString();
    }

    static void quoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                out.append(c);
                continue;
            }
            out.append('\\');
            switch (c) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\f' -> out.append('f');
                case '\n' -> out.append('n');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append('"');
    }
}
