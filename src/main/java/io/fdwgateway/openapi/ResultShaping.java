package io.fdwgateway.openapi;

import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Column;
import io.fdwgateway.shape.Media;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * What the document says about results beyond plain JSON: the representations a function's
 * result is available in, and, for set-returning functions, the PostgREST query parameters and
 * headers that shape the result after the function ran ({@code select}, column filters,
 * {@code or}/{@code and}, {@code order}, {@code limit}, {@code offset}, {@code Range},
 * {@code Prefer: count=exact}) with the {@code Content-Range} and 206 answers they bring.
 */
final class ResultShaping {

    static final String OBJECT = "application/vnd.pgrst.object+json";
    static final String CSV = "text/csv";

    private ResultShaping() {
    }

    static boolean returnsSets(List<Routine> overloads) {
        return overloads.stream().allMatch(Media::isSet);
    }

    /**
     * The 200 (and 206) content: JSON, one object of the same schema (for a set, one of its
     * items), CSV for sets. A text result's {@code text/plain} is told in the description only:
     * generated clients that see it listed insist on it for every answer (openapi-generator's
     * Java client fails on a JSON string).
     */
    static Content content(Schema json, List<Routine> overloads) {
        Content content = OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType().schema(json));
        boolean sets = returnsSets(overloads);
        Schema object = sets && json.getItems() != null ? json.getItems() : json;
        content.addMediaType(OBJECT, OASFactory.createMediaType().schema(object));
        if (sets) {
            content.addMediaType(CSV, OASFactory.createMediaType().schema(OASFactory.createSchema()
                    .addType(SchemaType.STRING).description("RFC 4180 CSV with a header row.")));
        }
        return content;
    }

    /** The 200 description: a text result is also available as text/plain. */
    static String description(List<Routine> overloads) {
        return overloads.stream().anyMatch(Media.TEXT::fits)
                ? "The function's result; with Accept: text/plain, the text itself (not as JSON)."
                : "The function's result.";
    }

    /** Content-Range on a set's answer. */
    static Header contentRange() {
        return OASFactory.createHeader().description("Rows sent and, with Prefer: count=exact, counted:"
                        + " first-last/total, * for an uncounted total, */total when no row was sent.")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    /**
     * The shaping parameters and headers of a set-returning function's operation, and one filter
     * parameter per result column that no argument name takes.
     *
     * @param taken argument names (a GET's argument takes precedence over a filter of the same name)
     */
    static void addParameters(Operation op, List<Routine> overloads, Set<String> taken) {
        boolean rows = overloads.stream().allMatch(r -> r.shape() == ReturnShape.SET_OF_ROWS);
        if (rows) {
            query(op, taken, "select", "Columns to return, comma-separated (e.g. id,name); * for all. Plain"
                    + " result columns only: no embedding, aliases or casts.");
            query(op, taken, "order", "Sort: column[.asc|.desc][.nullsfirst|.nullslast], comma-separated.");
            query(op, taken, "or", "Any of these must hold: (column.op.value,…), nesting and(…) and or(…).");
            query(op, taken, "and", "All of these must hold: (column.op.value,…), nesting and(…) and or(…).");
            Set<String> columns = new LinkedHashSet<>();
            overloads.forEach(r -> r.columns().stream().map(Column::name).forEach(columns::add));
            for (String column : columns) {
                query(op, taken, column, "Filter on the result column " + column + ": [not.]op.value with op one of"
                        + " eq, neq, gt, gte, lt, lte, like, ilike (* for %), in.(a,b), is.(null|not_null|true|false|unknown).");
            }
        }
        query(op, taken, "limit", "Most rows to return (also capped by gateway.max-rows).");
        query(op, taken, "offset", "Rows to skip first.");
        header(op, "Range", "Rows first-last (e.g. 0-9) or first-, counted from 0; with Range-Unit: items.");
        header(op, "Range-Unit", "items (the only unit).");
        header(op, "Prefer", "count=exact: count every row that passes the filters, in Content-Range.");
    }

    private static void query(Operation op, Set<String> taken, String name, String description) {
        if (!taken.contains(name)) {
            op.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.QUERY).required(false)
                    .description(description).schema(OASFactory.createSchema().addType(SchemaType.STRING)));
        }
    }

    private static void header(Operation op, String name, String description) {
        op.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(false)
                .description(description).schema(OASFactory.createSchema().addType(SchemaType.STRING)));
    }
}
