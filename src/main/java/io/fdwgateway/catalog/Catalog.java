package io.fdwgateway.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the served functions. Names resolve in the order of
 * {@code gateway.exposed-schemas}: the first schema that has a function of that name owns
 * the name, and all its overloads of that name are the candidates.
 */
public final class Catalog {

    private final Map<String, List<Routine>> byName;
    private final List<Routine> all;

    private Catalog(Map<String, List<Routine>> byName, List<Routine> all) {
        this.byName = byName;
        this.all = all;
    }

    public static Catalog empty() {
        return new Catalog(Map.of(), List.of());
    }

    /** @param routines already ordered by schema rank, then name */
    public static Catalog of(List<Routine> routines) {
        Map<String, String> owningSchema = new LinkedHashMap<>();
        Map<String, List<Routine>> byName = new LinkedHashMap<>();
        for (Routine r : routines) {
            String owner = owningSchema.putIfAbsent(r.name(), r.schema());
            if (owner == null || owner.equals(r.schema())) {
                byName.computeIfAbsent(r.name(), k -> new java.util.ArrayList<>()).add(r);
            }
        }
        byName.replaceAll((k, v) -> List.copyOf(v));
        List<Routine> served = byName.values().stream().flatMap(List::stream).toList();
        return new Catalog(Map.copyOf(byName), served);
    }

    /** The overloads served under this name; empty when nothing is. */
    public List<Routine> lookup(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Every served routine, overloads included; a name shadowed by an earlier schema is not served. */
    public Collection<Routine> routines() {
        return all;
    }

    public int size() {
        return all.size();
    }
}
