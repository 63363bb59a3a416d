package io.fdwgateway.catalog;

import io.fdwgateway.catalog.ForeignReach.ForeignUse;
import io.fdwgateway.catalog.ForeignReach.Source;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out which foreign servers one function reaches, from three sources: {@code pg_depend}
 * (SQL-standard bodies record what they read), a scan of the body for foreign tables, and the
 * comment's {@code @foreign-server} lines (for dynamic SQL). A line naming a server that does
 * not exist adds nothing here: the posture audit reports it, and the function is still served.
 */
final class ReachReader {

    private ReachReader() {
    }

    static ForeignReach read(JsonObject doc, Directives directives, ForeignTables foreign) {
        List<ForeignUse> uses = new ArrayList<>();
        JsonArray depends = doc.getJsonArray("dependsOn", new JsonArray());
        for (int i = 0; i < depends.size(); i++) {
            JsonObject d = depends.getJsonObject(i);
            uses.add(new ForeignUse(d.getString("server"), d.getString("table"), Source.DEPENDENCY));
        }
        String body = doc.getString("body");
        boolean dynamic = false;
        if (body != null) {
            List<String> path = searchPath(doc.getJsonArray("config", new JsonArray()));
            for (String table : BodyScanner.foreignTables(body, path, foreign.tables())) {
                uses.add(new ForeignUse(foreign.tables().get(table), table, Source.BODY));
            }
            dynamic = !"sql".equals(doc.getString("language")) && BodyScanner.executesDynamicSql(body);
        }
        for (String server : directives.foreignServers()) {
            if (foreign.servers().contains(server)) {
                uses.add(new ForeignUse(server, null, Source.TAG));
            }
        }
        return new ForeignReach(uses, dynamic);
    }

    /** The schemas of the function's own {@code search_path} setting, in order; empty when it has none. */
    static List<String> searchPath(JsonArray config) {
        for (int i = 0; i < config.size(); i++) {
            String setting = config.getString(i);
            if (setting.startsWith("search_path=")) {
                List<String> schemas = new ArrayList<>();
                for (String part : splitList(setting.substring("search_path=".length()))) {
                    String schema = Directives.identifier(part);
                    if (!schema.isEmpty() && !schema.equals("$user") && !schema.equals("pg_temp")) {
                        schemas.add(schema);
                    }
                }
                return schemas;
            }
        }
        return List.of();
    }

    /** Splits a setting's list on commas outside double quotes. */
    private static List<String> splitList(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
