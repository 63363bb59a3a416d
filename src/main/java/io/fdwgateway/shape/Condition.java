package io.fdwgateway.shape;

import java.util.List;

/**
 * One filter on a set-returning function's result, as the client wrote it: column names are
 * still the client's text, checked against the catalog by {@link ShapeChecker}. Values are
 * never written into SQL; they are bound.
 */
public sealed interface Condition {

    /** {@code col=[not.]op.value} with a comparison or pattern operator. */
    record Compare(String column, Operator operator, boolean negated, String value) implements Condition {
    }

    /** {@code col=[not.]in.(a,b,"c,d")}. */
    record In(String column, boolean negated, List<String> values) implements Condition {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code col=[not.]is.null|not_null|true|false|unknown}. */
    record Is(String column, boolean negated, IsValue value) implements Condition {
    }

    /** {@code [not.]and=(…)} and {@code [not.]or=(…)}, nested as {@code and(…)} / {@code or(…)}. */
    record Group(boolean and, boolean negated, List<Condition> items) implements Condition {
        public Group {
            items = List.copyOf(items);
        }
    }

    /** The operators that compare a column with one value. */
    enum Operator {
        EQ("="), NEQ("<>"), GT(">"), GTE(">="), LT("<"), LTE("<="), LIKE("~~"), ILIKE("~~*");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        /** The Postgres operator; a fixed token, never client text. */
        public String sql() {
            return sql;
        }

        public boolean pattern() {
            return this == LIKE || this == ILIKE;
        }
    }

    /** What {@code is} tests for. */
    enum IsValue {
        NULL, NOT_NULL, TRUE, FALSE, UNKNOWN
    }
}
