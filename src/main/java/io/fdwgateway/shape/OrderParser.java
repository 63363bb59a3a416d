package io.fdwgateway.shape;

import io.fdwgateway.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code order=col[.asc|.desc][.nullsfirst|.nullslast],…}. A column name may be double-quoted
 * (then it may hold dots and commas). Pure; every fault is a {@code GW400-order}.
 */
public final class OrderParser {

    /** More terms than any result has columns worth sorting by. */
    static final int MAX_TERMS = 32;

    private OrderParser() {
    }

    public static List<OrderTerm> parse(String value) {
        List<OrderTerm> terms = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (true) {
            if (terms.size() == MAX_TERMS) {
                throw bad("order takes at most " + MAX_TERMS + " columns.");
            }
            String column;
            if (i < n && value.charAt(i) == '"') {
                int end = value.indexOf('"', i + 1);
                if (end < 0) {
                    throw bad("An unclosed double quote in order.");
                }
                column = value.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = i;
                while (end < n && value.charAt(end) != '.' && value.charAt(end) != ',') {
                    end++;
                }
                column = value.substring(i, end).strip();
                i = end;
            }
            if (column.isEmpty()) {
                throw bad("order needs a column name before each direction: order=name.desc.");
            }
            int end = value.indexOf(',', i);
            if (end < 0) {
                end = n;
            }
            String modifiers = value.substring(i, end);
            terms.add(term(column, modifiers));
            if (end == n) {
                return List.copyOf(terms);
            }
            i = end + 1;
        }
    }

    private static OrderTerm term(String column, String modifiers) {
        boolean descending = false;
        Boolean nullsFirst = null;
        boolean directionSeen = false;
        if (modifiers.isEmpty()) {
            return new OrderTerm(column, false, null);
        }
        if (!modifiers.startsWith(".")) {
            throw bad("Unexpected text after column '" + ShapeErrors.printable(column) + "' in order.");
        }
        for (String m : modifiers.substring(1).split("\\.", -1)) {
            switch (m) {
                case "asc", "desc" -> {
                    if (directionSeen || nullsFirst != null) {
                        throw bad("order takes one direction, before nullsfirst/nullslast.");
                    }
                    directionSeen = true;
                    descending = m.equals("desc");
                }
                case "nullsfirst", "nullslast" -> {
                    if (nullsFirst != null) {
                        throw bad("order takes nullsfirst or nullslast once.");
                    }
                    nullsFirst = m.equals("nullsfirst");
                }
                default -> throw bad("Unknown order modifier '" + ShapeErrors.printable(m)
                        + "'; use asc, desc, nullsfirst, nullslast.");
            }
        }
        return new OrderTerm(column, descending, nullsFirst);
    }

    private static io.fdwgateway.error.GatewayException bad(String detail) {
        return ShapeErrors.bad(ErrorCode.SHAPE_ORDER, detail);
    }
}
