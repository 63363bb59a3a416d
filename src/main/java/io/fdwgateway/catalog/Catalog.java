package io.fdwgateway.catalog;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the served functions. Names resolve in the order of
 * {@code gateway.exposed-schemas}, over every routine of those schemas, served or not: the
 * first schema that has a routine of that name owns the name, and its served overloads of that
 * name are the candidates. When it serves none (an invoker function, a function the posture
 * audit withholds, one without named arguments …), the name answers 404: a later schema's
 * function of the same name never takes its URL.
 */
public final class Catalog {

    private final Map<String, List<Routine>> byName;
    private final List<Routine> all;
    private final Map<String, UserType> types;
    /** One catalog per exposed schema that serves anything: what a schema profile reaches. */
    private final Map<String, Catalog> profiles;
    /** Servable functions the posture audit blocked in the load that built this catalog. */
    private final int withheld;
    /** The roles' own statement timeouts, read in the same load. */
    private final StatementTimeouts timeouts;

    private Catalog(Map<String, List<Routine>> byName, List<Routine> all, Map<String, UserType> types,
                    Map<String, Catalog> profiles) {
        this(byName, all, types, profiles, 0, StatementTimeouts.none());
    }

    private Catalog(Map<String, List<Routine>> byName, List<Routine> all, Map<String, UserType> types,
                    Map<String, Catalog> profiles, int withheld, StatementTimeouts timeouts) {
        this.byName = byName;
        this.all = all;
        this.types = types;
        this.profiles = profiles;
        this.withheld = withheld;
        this.timeouts = timeouts;
    }

    /** This catalog, noting that the posture audit withheld {@code count} functions from it. */
    public Catalog withWithheld(int count) {
        return new Catalog(byName, all, types, profiles, count, timeouts);
    }

    /**
     * The served routines that pass {@code keep}, with the same user types: what one role may
     * call, for its OpenAPI document. Not for serving (it has no schema profiles).
     */
    public Catalog only(java.util.function.Predicate<Routine> keep) {
        Map<String, List<Routine>> kept = new LinkedHashMap<>();
        byName.forEach((name, routines) -> {
            List<Routine> left = routines.stream().filter(keep).toList();
            if (!left.isEmpty()) {
                kept.put(name, left);
            }
        });
        return new Catalog(Map.copyOf(kept), all.stream().filter(keep).toList(), types, Map.of(), withheld, timeouts);
    }

    /** How many servable functions the posture audit withheld from this catalog. */
    public int withheld() {
        return withheld;
    }

    /** This catalog, its schema profiles included, with the roles' own statement timeouts. */
    public Catalog withTimeouts(StatementTimeouts roleTimeouts) {
        Map<String, Catalog> withProfiles = new LinkedHashMap<>();
        profiles.forEach((schema, profile) -> withProfiles.put(schema, profile.withTimeouts(roleTimeouts)));
        return new Catalog(byName, all, types, Map.copyOf(withProfiles), withheld, roleTimeouts);
    }

    /**
     * The statement timeout the database sets for a call of {@code routine} as {@code role}: the
     * function's own {@code SET statement_timeout}, else the role's own setting; empty when
     * neither has one (the gateway's {@code gateway.statement-timeout} applies then).
     */
    public Optional<Duration> statementTimeout(Routine routine, String role) {
        return routine.ownStatementTimeout().or(() -> timeouts.forRole(role));
    }

    public static Catalog empty() {
        return new Catalog(Map.of(), List.of(), Map.of(), Map.of());
    }

    /** @param routines already ordered by schema rank, then name; all of them servable */
    public static Catalog of(List<Routine> routines) {
        return of(routines, List.of());
    }

    /**
     * @param routines already ordered by schema rank, then name; all of them servable
     * @param types    enums and domains the routines' types may name
     */
    public static Catalog of(List<Routine> routines, List<UserType> types) {
        return of(routines.stream().map(r -> new Name(r.schema(), r.name())).toList(), routines, types);
    }

    /**
     * @param names    every routine of the exposed schemas, served or not, ordered by schema rank
     * @param servable the routines that may be served (a subset of {@code names}, same order)
     * @param types    enums and domains the routines' types may name
     */
    public static Catalog of(List<Name> names, List<Routine> servable, List<UserType> types) {
        Map<String, String> owningSchema = new LinkedHashMap<>();
        for (Name n : names) {
            owningSchema.putIfAbsent(n.name(), n.schema());
        }
        Map<String, List<Routine>> byName = new LinkedHashMap<>();
        for (Routine r : servable) {
            if (r.schema().equals(owningSchema.get(r.name()))) {
                byName.computeIfAbsent(r.name(), k -> new java.util.ArrayList<>()).add(r);
            }
        }
        byName.replaceAll((k, v) -> List.copyOf(v));
        List<Routine> served = byName.values().stream().flatMap(List::stream).toList();
        Map<String, UserType> typesByName = new LinkedHashMap<>();
        types.forEach(t -> typesByName.putIfAbsent(t.name(), t));
        Map<String, Catalog> profiles = new LinkedHashMap<>();
        Map<String, List<Routine>> bySchema = new LinkedHashMap<>();
        for (Routine r : servable) {
            bySchema.computeIfAbsent(r.schema(), k -> new java.util.ArrayList<>()).add(r);
        }
        bySchema.forEach((schema, routines) -> {
            Map<String, List<Routine>> inSchema = new LinkedHashMap<>();
            routines.forEach(r -> inSchema.computeIfAbsent(r.name(), k -> new java.util.ArrayList<>()).add(r));
            inSchema.replaceAll((k, v) -> List.copyOf(v));
            profiles.put(schema, new Catalog(Map.copyOf(inSchema), List.copyOf(routines), Map.copyOf(typesByName), Map.of()));
        });
        return new Catalog(Map.copyOf(byName), served, Map.copyOf(typesByName), Map.copyOf(profiles));
    }

    /**
     * What a request with a schema profile ({@code Accept-Profile}, {@code Content-Profile})
     * reaches: the served routines of that one schema, a name shadowed by an earlier schema
     * included. Empty for a schema that serves nothing; the profile itself is checked against
     * {@code gateway.exposed-schemas} by the caller.
     */
    public Catalog inSchema(String schema) {
        Catalog profile = profiles.get(schema);
        return profile != null ? profile : new Catalog(Map.of(), List.of(), types, Map.of());
    }

    /** The overloads served under this name; empty when nothing is. */
    public List<Routine> lookup(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The verbs that call the function served under this name; empty when nothing is. */
    public Optional<Verbs> verbs(String name) {
        List<Routine> overloads = lookup(name);
        return overloads.isEmpty() ? Optional.empty() : Optional.of(Verbs.of(overloads));
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

    /** A routine of an exposed schema, by its (unquoted) schema and name. */
    public record Name(String schema, String name) {
    }
}
