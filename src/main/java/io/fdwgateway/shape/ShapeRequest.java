package io.fdwgateway.shape;

import io.fdwgateway.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a request asks of a set-returning function's result, parsed but not yet checked against
 * the function's columns (see {@link ShapeChecker}).
 *
 * @param select  the named columns, or empty for all
 * @param filters column filters and logic trees, all of which must hold
 * @param count   whether {@code Prefer: count=exact} asks for the total
 */
public record ShapeRequest(Optional<List<String>> select, List<Condition> filters, List<OrderTerm> order,
                           Window window, boolean count) {

    /** Query parameters that shape the result; a function argument of the same name takes precedence on GET. */
    public static final Set<String> RESERVED = Set.of("select", "order", "limit", "offset", "or", "and", "not.or",
            "not.and");

    public static final ShapeRequest NONE = new ShapeRequest(Optional.empty(), List.of(), List.of(), Window.ALL, false);

    public ShapeRequest {
        filters = List.copyOf(filters);
        order = List.copyOf(order);
    }

    /**
     * @param parameters the query parameters that are not function arguments
     * @param range      the {@code Range} header, or null
     * @param rangeUnit  the {@code Range-Unit} header, or null
     * @param count      whether {@code Prefer: count=exact} asks for the total
     */
    public static ShapeRequest parse(Map<String, List<String>> parameters, String range, String rangeUnit,
                                     boolean count) {
        Optional<List<String>> select = Optional.empty();
        List<OrderTerm> order = List.of();
        List<Condition> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            String name = e.getKey();
            switch (name) {
                case "select" -> select = SelectParser.parse(single(e));
                case "order" -> order = OrderParser.parse(single(e));
                case "limit", "offset" -> single(e);
                default -> {
                    for (String value : e.getValue()) {
                        filters.add(FilterParser.parameter(name, value));
                    }
                }
            }
        }
        Window window = RangeParser.window(value(parameters, "limit"), value(parameters, "offset"), range, rangeUnit);
        return new ShapeRequest(select, filters, order, window, count);
    }

    /** Whether anything beyond the whole result, as JSON, is asked for. */
    public boolean isEmpty() {
        return select.isEmpty() && filters.isEmpty() && order.isEmpty() && window.isAll() && !count;
    }

    private static String value(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null ? null : values.get(0);
    }

    private static String single(Map.Entry<String, List<String>> e) {
        if (e.getValue().size() != 1) {
            throw ShapeErrors.bad(ErrorCode.UNEXPECTED_PARAMETER, "Query parameter '" + e.getKey() + "' is repeated.");
        }
        return e.getValue().get(0);
    }
}
