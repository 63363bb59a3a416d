package io.fdwgateway.call;

import static io.fdwgateway.call.SqlBuilder.quote;

import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Routine.Column;
import io.fdwgateway.shape.Media;
import io.fdwgateway.shape.ShapePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the SQL of a shaped call to a set-returning function: the function runs, then its rows
 * are filtered, counted, sorted, windowed and turned into JSON, one object or CSV, all in one
 * statement around the call. Nothing of this reaches inside the function: Postgres never pushes
 * a filter into a SECURITY DEFINER function, so the function produces its whole result first.
 *
 * <p>Identifiers are the catalog's column names, quoted. Every value the client sent — filter
 * values, in-lists, the window, and the CSV header's names — is one element of a single bound
 * {@code text[]} parameter, subscripted here, and cast by Postgres to the column's catalog type.
 * The statement answers the bytes in chunks as every call does (withheld above {@code $1}; see
 * {@link SqlBuilder}), each row also carrying the rows sent and the rows counted (NULL unless
 * {@code count=exact}).
 */
final class ShapedSql {

    private static final String CRLF = "pg_catalog.chr(13) || pg_catalog.chr(10)";

    private final List<String> values = new ArrayList<>();
    private final String parameter;

    private ShapedSql(int parameterNumber) {
        this.parameter = "$" + parameterNumber + "::pg_catalog.text[]";
    }

    /** @param given the arguments the client named, in declaration order */
    static ResultForm build(Routine routine, List<Argument> given, ShapePlan plan, StringBuilder sql) {
        ShapedSql b = new ShapedSql(given.isEmpty() ? 2 : 3);
        sql.append(b.statement(routine, given, plan));
        return new ResultForm(plan.media(), plan, b.values);
    }

    private String statement(Routine routine, List<Argument> given, ShapePlan plan) {
        String invocation = SqlBuilder.invocation(routine, given);
        String source = SqlBuilder.throughRecord(routine, given)
                ? SqlBuilder.argumentRecord(given) + ", lateral " + invocation + " as r" : invocation + " as r";
        boolean scalars = routine.shape() == ReturnShape.SET_OF_SCALARS;
        StringBuilder q = new StringBuilder("with q as (select ").append(scalars ? "r.r as v" : "r.*")
                .append(" from ").append(source);
        if (!plan.where().isEmpty()) {
            q.append(" where ");
            for (int i = 0; i < plan.where().size(); i++) {
                q.append(i == 0 ? "" : " and ").append(condition(plan.where().get(i)));
            }
        }
        q.append(")");
        List<String> outputs = scalars ? List.of("v") : plan.columns().stream().map(Column::name).toList();
        StringBuilder page = new StringBuilder("select ");
        for (int i = 0; i < outputs.size(); i++) {
            page.append(i == 0 ? "" : ", ").append("q.").append(quote(outputs.get(i)));
        }
        page.append(" from q");
        if (!plan.order().isEmpty()) {
            page.append(" order by ");
            for (int i = 0; i < plan.order().size(); i++) {
                ShapePlan.Sort s = plan.order().get(i);
                page.append(i == 0 ? "" : ", ").append("q.").append(quote(s.column().name()))
                        .append(s.descending() ? " desc" : " asc")
                        .append(s.nullsFirst() == null ? "" : s.nullsFirst() ? " nulls first" : " nulls last");
            }
        }
        page.append(" limit ").append(bind(plan.window().limit() == null ? null : plan.window().limit().toString()))
                .append("::pg_catalog.int8 offset ").append(bind(Long.toString(plan.window().offset())))
                .append("::pg_catalog.int8");
        String total = plan.count() ? "(select pg_catalog.count(*) from q)" : "null::pg_catalog.int8";
        String body = body(plan.media(), scalars, outputs, scalars ? List.of(routine.name()) : outputs);
        return q + " " + SqlBuilder.chunked(", s.n, s.t", "select pg_catalog.convert_to(" + body
                + ", 'UTF8') as j, pg_catalog.count(*) as n, " + total + " as t from (" + page + ") as p");
    }

    /** The text of the whole answer, aggregated over the page's rows {@code p}. */
    private String body(Media media, boolean scalars, List<String> outputs, List<String> header) {
        String row = scalars ? "p.v" : "p";
        return switch (media) {
            case OBJECT -> "case when pg_catalog.count(*) = 1 then (pg_catalog.json_agg(" + row + ") -> 0)::text end";
            case CSV -> {
                int first = values.size() + 1;
                values.addAll(header);
                String names = "(select pg_catalog.string_agg(" + csvField("h.x") + ", ',' order by h.o)"
                        + " from pg_catalog.unnest((" + parameter + ")[" + first + ":" + (first + header.size() - 1)
                        + "]) with ordinality as h(x, o))";
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < outputs.size(); i++) {
                    line.append(i == 0 ? "" : " || ',' || ")
                            .append(csvField("p." + quote(outputs.get(i)) + "::pg_catalog.text"));
                }
                yield names + " || coalesce(" + CRLF + " || pg_catalog.string_agg(" + line + ", " + CRLF + "), '')";
            }
            default -> "coalesce(pg_catalog.json_agg(" + row + "), '[]'::pg_catalog.json)::text";
        };
    }

    /** RFC 4180: empty for NULL; in double quotes, quotes doubled, when it holds a quote, comma, CR or LF. */
    private static String csvField(String text) {
        return "case when " + text + " is null then ''"
                + " when pg_catalog.translate(" + text + ", '\",' || " + CRLF + ", '') <> " + text
                + " then '\"' || pg_catalog.replace(" + text + ", '\"', '\"\"') || '\"'"
                + " else " + text + " end";
    }

    private String condition(ShapePlan.Checked checked) {
        if (checked instanceof ShapePlan.Compare c) {
            String column = "r." + quote(c.column().name());
            String test = c.operator().pattern()
                    ? column + "::pg_catalog.text operator(pg_catalog." + c.operator().sql() + ") " + bind(c.value())
                    : column + " operator(pg_catalog." + c.operator().sql() + ") " + bind(c.value()) + "::"
                    + c.column().sqlType();
            return negate(c.negated(), test);
        }
        if (checked instanceof ShapePlan.In in) {
            int first = values.size() + 1;
            values.addAll(in.values());
            String list = "(" + parameter + ")[" + first + ":" + (first + in.values().size() - 1) + "]::"
                    + in.column().sqlType() + "[]";
            return negate(in.negated(), "r." + quote(in.column().name()) + " operator(pg_catalog.=) any (" + list + ")");
        }
        if (checked instanceof ShapePlan.Is is) {
            String test = "r." + quote(is.column().name()) + switch (is.value()) {
                case NULL -> " is null";
                case NOT_NULL -> " is not null";
                case TRUE -> " is true";
                case FALSE -> " is false";
                case UNKNOWN -> " is unknown";
            };
            return negate(is.negated(), test);
        }
        ShapePlan.Group g = (ShapePlan.Group) checked;
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < g.items().size(); i++) {
            sb.append(i == 0 ? "" : g.and() ? " and " : " or ").append(condition(g.items().get(i)));
        }
        return negate(g.negated(), sb.append(')').toString());
    }

    private static String negate(boolean negated, String test) {
        return negated ? "not (" + test + ")" : "(" + test + ")";
    }

    /** One more bound value; its subscript expression. */
    private String bind(String value) {
        values.add(value);
        return "(" + parameter + ")[" + values.size() + "]";
    }
}
