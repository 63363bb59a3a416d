package io.fdwgateway.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the served functions. Names resolve in the order of
 * {@code gateway.exposed-schemas}: the first schema that has a function of that name owns
 * the name, and all its overloads of that name are the candidates.
 */
public final class Catalog {

    private final Map<String, List<Routine>> byName;
    private final List<Routine> all;
    private final Map<String, UserType> types;

    private Catalog(Map<String, List<Routine>> byName, List<Routine> all, Map<String, UserType> types) {
        this.byName = byName;
        this.all = all;
        this.types = types;
    }

    public static Catalog empty() {
        return new Catalog(Map.of(), List.of(), Map.of());
    }

    /** @param routines already ordered by schema rank, then name */
    public static Catalog of(List<Routine> routines) {
        return of(routines, List.of());
    }

    /**
     * @param routines already ordered by schema rank, then name
     * @param types    enums and domains the routines' types may name
     */
    public static Catalog of(List<Routine> routines, List<UserType> types) {
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
        Map<String, UserType> typesByName = new LinkedHashMap<>();
        types.forEach(t -> typesByName.putIfAbsent(t.name(), t));
        return new Catalog(Map.copyOf(byName), served, Map.copyOf(typesByName));
    }

    /** The overloads served under this name; empty when nothing is. */
    public List<Routine> lookup(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Every served routine, overloads included; a name shadowed by an earlier schema is not served. */
    public Collection<Routine> routines() {
        return all;
    }

    /** The enum or domain of this {@code format_type} name, if the type is one. */
    public Optional<UserType> userType(String typeName) {
        return Optional.ofNullable(types.get(typeName));
    }

    public int size() {
        return all.size();
    }
}
