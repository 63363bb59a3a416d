package io.fdwgateway.shape;

import io.fdwgateway.error.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code select=}: the result columns to return, by name, in the order given; {@code *} is every
 * column. Only plain columns: no embedding ({@code rel(…)}), no aliases ({@code a:b}), no casts
 * ({@code a::text}), no JSON paths ({@code a->b}), since each of those would put more than a
 * catalog name into the SQL. A name may be double-quoted. Pure; every fault is a
 * {@code GW400-select}.
 */
public final class SelectParser {

    private SelectParser() {
    }

    /** The named columns, or empty for every column ({@code *}, or a blank value). */
    public static Optional<List<String>> parse(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.equals("*")) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>();
        boolean star = false;
        for (String part : splitCommas(trimmed)) {
            String item = part.strip();
            if (item.equals("*")) {
                star = true;
            } else if (item.startsWith("\"")) {
                if (item.length() < 2 || !item.endsWith("\"") || item.substring(1, item.length() - 1).contains("\"")) {
                    throw bad("A quoted column name must be one quoted string: \"my column\".");
                }
                columns.add(item.substring(1, item.length() - 1));
            } else if (item.isEmpty()) {
                throw bad("An empty column name in select.");
            } else if (!plainName(item)) {
                throw bad("select takes column names only (no embedding, aliases, casts or JSON paths): '"
                        + ShapeErrors.printable(item) + "'.");
            } else {
                columns.add(item);
            }
        }
        if (star) {
            if (!columns.isEmpty()) {
                throw bad("select=* already names every column.");
            }
            return Optional.empty();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String c : columns) {
            if (!seen.add(c)) {
                throw bad("select names column '" + ShapeErrors.printable(c) + "' twice.");
            }
        }
        return Optional.of(List.copyOf(columns));
    }

    private static List<String> splitCommas(String text) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            throw bad("An unclosed double quote in select.");
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** No character that has a meaning of its own in PostgREST's select syntax. */
    private static boolean plainName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '(' || c == ')' || c == ':' || c == '!' || c == '"' || c == '-' && i + 1 < name.length()
                    && name.charAt(i + 1) == '>' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static io.fdwgateway.error.GatewayException bad(String detail) {
        return ShapeErrors.bad(ErrorCode.SHAPE_SELECT, detail);
    }
}
