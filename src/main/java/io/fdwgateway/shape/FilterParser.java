package io.fdwgateway.shape;

import io.fdwgateway.shape.Condition.Compare;
import io.fdwgateway.shape.Condition.Group;
import io.fdwgateway.shape.Condition.In;
import io.fdwgateway.shape.Condition.Is;
import io.fdwgateway.shape.Condition.IsValue;
import io.fdwgateway.shape.Condition.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgREST's horizontal filters: {@code col=[not.]op.value} and the logic trees
 * {@code [not.]or=(…)} / {@code [not.]and=(…)}, whose items are {@code col.[not.]op.value},
 * {@code and(…)}, {@code or(…)} and {@code not.and(…)} / {@code not.or(…)}. In a tree, and
 * in {@code in.(…)} lists, a value with a comma or parenthesis is written in double quotes
 * (backslash escapes a quote). Pure: parses text, knows no catalog. Every fault is a
 * {@code GW400-filter}.
 */
public final class FilterParser {

    /** Deep enough for any hand-written tree; bounds the SQL (and the stack) a request can cause. */
    static final int MAX_DEPTH = 8;

    private FilterParser() {
    }

    /** Whether a query parameter of this name is a logic tree rather than a column filter. */
    public static boolean isLogicParameter(String name) {
        return name.equals("or") || name.equals("and") || name.equals("not.or") || name.equals("not.and");
    }

    /** A query parameter {@code column=value}: a column filter, or a logic tree when {@link #isLogicParameter}. */
    public static Condition parameter(String name, String value) {
        if (isLogicParameter(name)) {
            boolean negated = name.startsWith("not.");
            boolean and = name.endsWith("and");
            if (!value.startsWith("(") || !value.endsWith(")") || value.length() < 2) {
                throw ShapeErrors.filter("'" + name + "' takes a parenthesised list: " + name + "=(a.eq.1,b.gt.2).");
            }
            return group(and, negated, value.substring(1, value.length() - 1), 1);
        }
        if (name.isEmpty()) {
            throw ShapeErrors.filter("A filter needs a column name.");
        }
        return operation(name, value, false);
    }

    private static Group group(boolean and, boolean negated, String inside, int depth) {
        if (depth > MAX_DEPTH) {
            throw ShapeErrors.filter("Logic trees nest at most " + MAX_DEPTH + " levels deep.");
        }
        List<String> parts = split(inside);
        if (parts.isEmpty()) {
            throw ShapeErrors.filter("An empty and(…) or or(…) filters nothing.");
        }
        List<Condition> items = new ArrayList<>(parts.size());
        for (String part : parts) {
            items.add(item(part, depth));
        }
        return new Group(and, negated, items);
    }

    private static Condition item(String text, int depth) {
        boolean negated = text.startsWith("not.");
        String rest = negated ? text.substring(4) : text;
        for (String kind : new String[] {"and(", "or("}) {
            if (rest.startsWith(kind)) {
                if (!rest.endsWith(")")) {
                    throw ShapeErrors.filter("Unbalanced parentheses in '" + ShapeErrors.printable(text) + "'.");
                }
                return group(kind.equals("and("), negated, rest.substring(kind.length(), rest.length() - 1), depth + 1);
            }
        }
        int dot;
        String column;
        if (text.startsWith("\"")) {
            int end = closingQuote(text, 0);
            column = unquote(text.substring(0, end + 1));
            dot = end + 1;
            if (dot >= text.length() || text.charAt(dot) != '.') {
                throw ShapeErrors.filter("Expected column.operator.value in '" + ShapeErrors.printable(text) + "'.");
            }
        } else {
            dot = text.indexOf('.');
            if (dot <= 0) {
                throw ShapeErrors.filter("Expected column.operator.value in '" + ShapeErrors.printable(text) + "'.");
            }
            column = text.substring(0, dot);
        }
        return operation(column, text.substring(dot + 1), true);
    }

    /** {@code [not.]op.value}; in a tree a quoted value is unquoted. */
    private static Condition operation(String column, String text, boolean inTree) {
        boolean negated = text.startsWith("not.");
        String rest = negated ? text.substring(4) : text;
        int dot = rest.indexOf('.');
        if (dot < 0) {
            throw ShapeErrors.filter("The filter on '" + ShapeErrors.printable(column)
                    + "' needs operator.value, e.g. eq.5.");
        }
        String op = rest.substring(0, dot);
        String value = rest.substring(dot + 1);
        switch (op) {
            case "in" -> {
                return new In(column, negated, list(value));
            }
            case "is" -> {
                return new Is(column, negated, isValue(value));
            }
            default -> {
                Operator operator = operator(op);
                String v = inTree && value.startsWith("\"") ? quotedWhole(value) : value;
                if (v.indexOf('\0') >= 0) {
                    throw ShapeErrors.filter("Filter values may not contain NUL characters.");
                }
                return new Compare(column, operator, negated, operator.pattern() ? v.replace('*', '%') : v);
            }
        }
    }

    private static Operator operator(String op) {
        return switch (op) {
            case "eq" -> Operator.EQ;
            case "neq" -> Operator.NEQ;
            case "gt" -> Operator.GT;
            case "gte" -> Operator.GTE;
            case "lt" -> Operator.LT;
            case "lte" -> Operator.LTE;
            case "like" -> Operator.LIKE;
            case "ilike" -> Operator.ILIKE;
            default -> throw ShapeErrors.filter("Unknown filter operator '" + ShapeErrors.printable(op)
                    + "'; supported: eq, neq, gt, gte, lt, lte, like, ilike, in, is (each may follow not.).");
        };
    }

    private static IsValue isValue(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "null" -> IsValue.NULL;
            case "not_null" -> IsValue.NOT_NULL;
            case "true" -> IsValue.TRUE;
            case "false" -> IsValue.FALSE;
            case "unknown" -> IsValue.UNKNOWN;
            default -> throw ShapeErrors.filter("'is' takes null, not_null, true, false or unknown.");
        };
    }

    /** {@code (a,b,"c,d")}: the values of an {@code in} filter. */
    private static List<String> list(String text) {
        if (!text.startsWith("(") || !text.endsWith(")") || text.length() < 2) {
            throw ShapeErrors.filter("'in' takes a parenthesised list: in.(1,2,3).");
        }
        String inside = text.substring(1, text.length() - 1);
        List<String> values = new ArrayList<>();
        if (inside.isEmpty()) {
            return values;
        }
        for (String part : split(inside)) {
            if (part.startsWith("\"")) {
                values.add(quotedWhole(part));
            } else if (part.indexOf('(') >= 0 || part.indexOf(')') >= 0) {
                throw ShapeErrors.filter("Quote list values that hold parentheses: in.(\"a(b)\").");
            } else {
                values.add(part);
            }
        }
        for (String v : values) {
            if (v.indexOf('\0') >= 0) {
                throw ShapeErrors.filter("Filter values may not contain NUL characters.");
            }
        }
        return values;
    }

    /**
     * Splits at the commas that are neither inside double quotes nor inside parentheses. An
     * empty text is no items; an empty item, an unclosed quote or unbalanced parentheses are faults.
     */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        if (text.isEmpty()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = closingQuote(text, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw ShapeErrors.filter("Unbalanced parentheses in a filter.");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(nonEmpty(text.substring(start, i)));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw ShapeErrors.filter("Unbalanced parentheses in a filter.");
        }
        parts.add(nonEmpty(text.substring(start)));
        return parts;
    }

    private static String nonEmpty(String part) {
        if (part.isEmpty()) {
            throw ShapeErrors.filter("An empty item in a filter list.");
        }
        return part;
    }

    /** The index of the quote closing the one at {@code open}; backslash escapes the next character. */
    private static int closingQuote(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw ShapeErrors.filter("An unclosed double quote in a filter.");
    }

    /** A value that must be exactly one quoted string. */
    private static String quotedWhole(String text) {
        if (closingQuote(text, 0) != text.length() - 1) {
            throw ShapeErrors.filter("Text after a quoted filter value.");
        }
        return unquote(text);
    }

    /** {@code "a\"b"} → {@code a"b}. */
    static String unquote(String quoted) {
        StringBuilder sb = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                c = quoted.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
