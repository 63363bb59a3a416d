package io.fdwgateway.catalog;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The database's foreign servers and foreign tables, as one catalog load read them.
 *
 * @param servers every foreign server's name
 * @param tables  every foreign table, {@code schema.table} (unquoted) → its server's name
 */
record ForeignTables(Set<String> servers, Map<String, String> tables) {

    ForeignTables {
        servers = Set.copyOf(new LinkedHashSet<>(servers));
        tables = Map.copyOf(new LinkedHashMap<>(tables));
    }

    static ForeignTables none() {
        return new ForeignTables(Set.of(), Map.of());
    }
}
