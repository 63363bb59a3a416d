package io.fdwgateway.audit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exposure graph: every way an API role reaches a foreign server through a served function.
 * Its JSON form is also the lock file that {@code audit --exposure --check} compares with.
 *
 * @param paths sorted, without duplicates
 */
public record Exposure(List<Path> paths) {

    /** The server of a path through dynamic SQL that no {@code @foreign-server} line names. */
    public static final String UNKNOWN_SERVER = "unknown";

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Path> ORDER = Comparator.comparing(Path::role)
            .thenComparing(Path::function)
            .thenComparing(Path::foreignTable, NULLS_FIRST)
            .thenComparing(Path::server);

    /**
     * role → function → foreign table → server.
     *
     * @param function     the served function's signature, {@code schema.name(types)}
     * @param foreignTable {@code schema.table}, or null when only a {@code @foreign-server} line or
     *                     dynamic SQL says the function reaches the server
     */
    public record Path(String role, String function, String foreignTable, String server) {
        public Path {
            Objects.requireNonNull(role);
            Objects.requireNonNull(function);
            Objects.requireNonNull(server);
        }

        /** {@code anon → public.f(text) → stripe.products → stripe_server}. */
        public String arrow() {
            return role + " → " + function + " → " + (foreignTable == null ? "(no table named)" : foreignTable)
                    + " → " + server;
        }
    }

    public Exposure {
        TreeSet<Path> sorted = new TreeSet<>(ORDER);
        sorted.addAll(paths);
        paths = List.copyOf(sorted);
    }

    /** The JSON document: {@code {"paths": [{"role", "function", "foreignTable", "server"}, …]}}. */
    public String json() {
        JsonArray items = new JsonArray();
        for (Path p : paths) {
            items.add(new JsonObject().put("role", p.role()).put("function", p.function())
                    .put("foreignTable", p.foreignTable()).put("server", p.server()));
        }
        return new JsonObject().put("paths", items).encodePrettily() + "\n";
    }

    /** Reads a lock file (the JSON this class writes); the message says what is wrong with it. */
    public static Exposure parse(String json) throws IOException {
        try {
            JsonArray items = new JsonObject(json).getJsonArray("paths");
            if (items == null) {
                throw new IOException("no \"paths\" array (write the lock with audit --exposure)");
            }
            List<Path> paths = new ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof JsonObject p) || p.getString("role") == null || p.getString("function") == null
                        || p.getString("server") == null) {
                    throw new IOException("every path needs \"role\", \"function\" and \"server\"");
                }
                paths.add(new Path(p.getString("role"), p.getString("function"), p.getString("foreignTable"),
                        p.getString("server")));
            }
            return new Exposure(paths);
        } catch (DecodeException | ClassCastException e) {
            throw new IOException("not the JSON that audit --exposure writes");
        }
    }

    /** Paths here that {@code lock} lacks. */
    public List<Path> addedSince(Exposure lock) {
        Set<Path> known = new TreeSet<>(ORDER);
        known.addAll(lock.paths());
        return paths.stream().filter(p -> !known.contains(p)).toList();
    }

    /** A Mermaid flowchart of the same graph: roles, functions, foreign tables, servers, left to right. */
    public String mermaid() {
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> edges = new LinkedHashSet<>();
        StringBuilder nodes = new StringBuilder();
        for (Path p : paths) {
            String role = node(ids, nodes, "role", p.role(), "([\"%s\"])");
            String function = node(ids, nodes, "function", p.function(), "[\"%s\"]");
            String server = node(ids, nodes, "server", p.server(), "[(\"%s\")]");
            edges.add(role + " --> " + function);
            if (p.foreignTable() == null) {
                edges.add(function + " -.-> " + server);
            } else {
                String table = node(ids, nodes, "table", p.foreignTable(), "[/\"%s\"/]");
                edges.add(function + " --> " + table);
                edges.add(table + " --> " + server);
            }
        }
        StringBuilder sb = new StringBuilder("flowchart LR\n").append(nodes);
        edges.forEach(e -> sb.append("  ").append(e).append('\n'));
        return sb.toString();
    }

    private static String node(Map<String, String> ids, StringBuilder nodes, String kind, String label, String shape) {
        return ids.computeIfAbsent(kind + ":" + label, k -> {
            String id = kind.charAt(0) + String.valueOf(ids.size());
            nodes.append("  ").append(id).append(shape.formatted(escape(label))).append('\n');
            return id;
        });
    }

    /** Mermaid labels in double quotes take entity codes for the characters that would end them. */
    private static String escape(String label) {
        return label.replace("&", "#amp;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }
}
