package io.fdwgateway.shape;

import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Column;
import io.fdwgateway.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a {@link ShapeRequest} against the result columns of the function that will answer it,
 * and resolves every name to the catalog's column. An unknown column is a
 * {@code GW400-unknown-column}; an operator the column's type cannot take is a
 * {@code GW400-filter} (or {@code GW400-order}), decided here from the catalog so that the
 * database is never sent a comparison it would refuse. Pure.
 */
public final class ShapeChecker {

    private ShapeChecker() {
    }

    /**
     * @param routine the set-returning function that answers
     * @param maxRows {@code gateway.max-rows}, or null
     */
    public static ShapePlan check(Routine routine, ShapeRequest request, Media media, Long maxRows) {
        Window window = maxRows == null ? request.window() : request.window().capped(maxRows);
        if (routine.shape() == ReturnShape.SET_OF_SCALARS) {
            if (request.select().isPresent() || !request.filters().isEmpty() || !request.order().isEmpty()) {
                throw ShapeErrors.bad(ErrorCode.UNKNOWN_COLUMN, "This function returns a set of values without"
                        + " columns: only limit, offset, Range and Prefer: count=exact apply.");
            }
            return new ShapePlan(media, List.of(), List.of(), List.of(), window, request.count());
        }
        Map<String, Column> byName = routine.columns().stream()
                .collect(Collectors.toMap(Column::name, Function.identity(), (a, b) -> a));
        List<Column> columns = request.select().map(names -> names.stream().map(n -> column(byName, n)).toList())
                .orElse(routine.columns());
        List<ShapePlan.Checked> where = new ArrayList<>();
        for (Condition c : request.filters()) {
            where.add(checked(byName, c));
        }
        List<ShapePlan.Sort> order = new ArrayList<>();
        for (OrderTerm t : request.order()) {
            Column column = column(byName, t.column());
            if (!column.comparable()) {
                throw ShapeErrors.bad(ErrorCode.SHAPE_ORDER, "Column '" + column.name() + "' (" + column.displayType()
                        + ") has no sort order.");
            }
            order.add(new ShapePlan.Sort(column, t.descending(), t.nullsFirst()));
        }
        return new ShapePlan(media, columns, where, order, window, request.count());
    }

    private static ShapePlan.Checked checked(Map<String, Column> byName, Condition condition) {
        if (condition instanceof Condition.Compare c) {
            Column column = column(byName, c.column());
            if (!c.operator().pattern()) {
                comparable(column, c.operator().name().toLowerCase(Locale.ROOT));
            }
            return new ShapePlan.Compare(column, c.operator(), c.negated(), c.value());
        }
        if (condition instanceof Condition.In in) {
            Column column = column(byName, in.column());
            comparable(column, "in");
            if (column.displayType().endsWith("]")) {
                throw ShapeErrors.filter("'in' does not apply to the array column '" + column.name()
                        + "'; use eq with an array literal.");
            }
            return new ShapePlan.In(column, in.negated(), in.values());
        }
        if (condition instanceof Condition.Is is) {
            Column column = column(byName, is.column());
            boolean truth = is.value() != Condition.IsValue.NULL && is.value() != Condition.IsValue.NOT_NULL;
            if (truth && !column.displayType().equals("boolean")) {
                throw ShapeErrors.filter("is." + is.value().name().toLowerCase(Locale.ROOT)
                        + " applies to boolean columns; '" + column.name() + "' is " + column.displayType() + ".");
            }
            return new ShapePlan.Is(column, is.negated(), is.value());
        }
        Condition.Group g = (Condition.Group) condition;
        List<ShapePlan.Checked> items = new ArrayList<>(g.items().size());
        for (Condition item : g.items()) {
            items.add(checked(byName, item));
        }
        return new ShapePlan.Group(g.and(), g.negated(), items);
    }

    private static void comparable(Column column, String operator) {
        if (!column.comparable()) {
            throw ShapeErrors.filter("Column '" + column.name() + "' (" + column.displayType()
                    + ") cannot be compared with '" + operator + "'; like, ilike and is apply.");
        }
    }

    private static Column column(Map<String, Column> byName, String name) {
        Column column = byName.get(name);
        if (column == null) {
            throw ShapeErrors.bad(ErrorCode.UNKNOWN_COLUMN, "The result has no column '" + ShapeErrors.printable(name)
                    + "'; its columns: " + String.join(", ", byName.keySet()) + ".");
        }
        return column;
    }
}
