package io.fdwgateway.shape;

import io.fdwgateway.catalog.Routine.Column;
import java.util.List;

/**
 * A shaping request checked against one function's result columns: every column here is the
 * catalog's own {@link Column}, so the SQL built from this plan names only catalog columns.
 * The filter values are still client text; the SQL binds them.
 *
 * @param media   the representation to answer in
 * @param columns the columns to return, in order (empty for a set of scalars)
 * @param where   the filters, all of which must hold, by catalog column
 * @param count   whether to count every row that passes the filters
 */
public record ShapePlan(Media media, List<Column> columns, List<Checked> where, List<Sort> order, Window window,
                        boolean count) {

    public ShapePlan {
        columns = List.copyOf(columns);
        where = List.copyOf(where);
        order = List.copyOf(order);
    }

    /** A filter whose column names are resolved to catalog columns. */
    public sealed interface Checked {
    }

    public record Compare(Column column, Condition.Operator operator, boolean negated, String value) implements Checked {
    }

    public record In(Column column, boolean negated, List<String> values) implements Checked {
        public In {
            values = List.copyOf(values);
        }
    }

    public record Is(Column column, boolean negated, Condition.IsValue value) implements Checked {
    }

    public record Group(boolean and, boolean negated, List<Checked> items) implements Checked {
        public Group {
            items = List.copyOf(items);
        }
    }

    /** @param nullsFirst null for Postgres' default */
    public record Sort(Column column, boolean descending, Boolean nullsFirst) {
    }
}
