package io.fdwgateway.catalog;

import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Routine.Column;
import io.fdwgateway.logging.LogText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns one catalog document (see {@code exposed-functions.sql}) into a {@link Routine}, or
 * into nothing when the function cannot be called by named arguments: unnamed or
 * pseudo-typed inputs, or a {@code record} result without column names. The one exception to
 * names: a single unnamed {@code json}, {@code jsonb}, {@code text} or {@code bytea} parameter,
 * which takes the whole request body (an {@link Routine.Argument} with an empty name).
 */
final class RoutineReader {

    private static final Logger LOG = Logger.getLogger(RoutineReader.class);

    /** The types a single unnamed parameter may have to take the whole request body. */
    static final java.util.Set<String> RAW_BODY_TYPES = java.util.Set.of("json", "jsonb", "text", "bytea");

    private RoutineReader() {
    }

    static Optional<Routine> read(JsonObject doc, ForeignTables foreign) {
        String signature = doc.getString("schema") + "." + doc.getString("name");
        JsonArray args = doc.getJsonArray("args");
        List<JsonObject> inputs = new ArrayList<>();
        List<Column> outputs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            JsonObject arg = args.getJsonObject(i);
            String mode = arg.getString("mode");
            if (!mode.equals("o") && !mode.equals("t")) {
                inputs.add(arg);
            }
            if (mode.equals("o") || mode.equals("b") || mode.equals("t")) {
                outputs.add(column(arg));
            }
        }
        int firstDefault = inputs.size() - doc.getInteger("defaults");
        List<Argument> arguments = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            JsonObject arg = inputs.get(i);
            String name = arg.getString("name");
            if ((name == null || name.isEmpty()) && inputs.size() == 1 && RAW_BODY_TYPES.contains(arg.getString("type"))
                    && arg.getString("mode").equals("i")) {
                // PostgREST's raw body: a single unnamed json, jsonb, text or bytea parameter takes the whole body
                arguments.add(new Argument("", arg.getString("sqlType"), arg.getString("type"), i >= firstDefault, false));
                continue;
            }
            if (name == null || name.isEmpty()) {
                LOG.infof("not serving %s: an input argument has no name", LogText.escape(signature));
                return Optional.empty();
            }
            if (arg.getBoolean("pseudo")) {
                LOG.infof("not serving %s: argument %s has pseudo-type %s", LogText.escape(signature),
                        LogText.escape(name), LogText.escape(arg.getString("type")));
                return Optional.empty();
            }
            arguments.add(new Argument(name, arg.getString("sqlType"), arg.getString("type"), i >= firstDefault,
                    arg.getString("mode").equals("v")));
        }

        boolean composite = "c".equals(doc.getString("returnTypeKind"));
        if (composite) {
            outputs.clear();
            JsonArray columns = doc.getJsonArray("compositeColumns");
            for (int i = 0; i < columns.size(); i++) {
                outputs.add(column(columns.getJsonObject(i)));
            }
        }
        boolean record = doc.getBoolean("returnsRecord");
        if (record && outputs.isEmpty()) {
            LOG.infof("not serving %s: it returns record without named columns", LogText.escape(signature));
            return Optional.empty();
        }
        ReturnShape shape = shapeOf(doc, composite || record);
        if (shape == ReturnShape.SCALAR || shape == ReturnShape.SET_OF_SCALARS || shape == ReturnShape.VOID) {
            outputs.clear();
        }
        Directives directives = Directives.parse(doc.getString("comment"));
        Volatility volatility = Volatility.fromCatalog(doc.getString("volatility"));
        CachePolicy cache = CachePolicy.decide(directives, volatility, doc.getString("body"), doc::encode).policy();
        return Optional.of(new Routine(Long.parseLong(doc.getValue("oid").toString()), doc.getString("schema"),
                doc.getString("name"), arguments, outputs, shape, volatility,
                doc.getString("returnType"), doc.getString("comment"), directives,
                ReachReader.read(doc, directives, foreign),
                StatementTimeouts.fromSettings(doc.getJsonArray("config", new JsonArray()).stream().map(String::valueOf).toList()),
                cache));
    }

    private static Column column(JsonObject doc) {
        return new Column(doc.getString("name"), doc.getString("type"), doc.getString("sqlType"),
                Boolean.TRUE.equals(doc.getBoolean("comparable")));
    }

    private static ReturnShape shapeOf(JsonObject doc, boolean rowType) {
        if (doc.getBoolean("returnsVoid")) {
            return ReturnShape.VOID;
        }
        if (doc.getBoolean("returnsSet")) {
            return rowType ? ReturnShape.SET_OF_ROWS : ReturnShape.SET_OF_SCALARS;
        }
        return rowType ? ReturnShape.ROW : ReturnShape.SCALAR;
    }
}
