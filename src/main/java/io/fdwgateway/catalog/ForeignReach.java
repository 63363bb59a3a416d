package io.fdwgateway.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The foreign servers a function reaches, each with how the gateway knows: what its foreign-
 * server budgets and breakers guard, and what the exposure graph prints
 * (role → function → foreign table → server).
 *
 * @param uses       every way the function reaches a server; a server may appear once per source
 *                   and table
 * @param dynamicSql the body runs dynamic SQL ({@code EXECUTE} and the like), whose tables no
 *                   scan can see
 */
public record ForeignReach(List<ForeignUse> uses, boolean dynamicSql) {

    public ForeignReach {
        uses = List.copyOf(uses);
    }

    public static ForeignReach none() {
        return new ForeignReach(List.of(), false);
    }

    /** The servers reached, in the order first found. */
    public Set<String> servers() {
        Set<String> servers = new LinkedHashSet<>();
        uses.forEach(u -> servers.add(u.server()));
        return servers;
    }

    /** How the gateway knows that the function reaches {@code server}. */
    public Set<Source> sources(String server) {
        Set<Source> sources = new LinkedHashSet<>();
        uses.stream().filter(u -> u.server().equals(server)).forEach(u -> sources.add(u.source()));
        return sources;
    }

    /**
     * The body runs dynamic SQL and no {@code @foreign-server} line says where it goes: the
     * servers it reaches may be more than these.
     */
    public boolean untaggedDynamicSql() {
        return dynamicSql && uses.stream().noneMatch(u -> u.source() == Source.TAG);
    }

    /**
     * One foreign server a function reaches.
     *
     * @param server the foreign server's name
     * @param table  the foreign table through which ({@code schema.table}, unquoted), or null for a
     *               {@link Source#TAG}, which names the server alone
     */
    public record ForeignUse(String server, String table, Source source) {
    }

    /** How the gateway learnt of a use. */
    public enum Source {
        /** {@code pg_depend}: a SQL-standard body ({@code BEGIN ATOMIC}) records what it reads. */
        DEPENDENCY("pg_depend"),
        /** The body names the foreign table (schema-qualified, or through its pinned search_path). */
        BODY("body"),
        /** A {@code @foreign-server} line in the function's comment. */
        TAG("tag");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** The word logs and reports use. */
        public String label() {
            return label;
        }
    }
}
