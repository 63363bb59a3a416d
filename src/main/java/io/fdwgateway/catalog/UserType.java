package io.fdwgateway.catalog;

import java.util.List;

/**
 * An enum, domain or composite type, keyed by the name {@code format_type} gives it (the
 * spelling {@link Routine} uses for argument and column types), so that documents derived
 * from the catalog can describe values of these types faithfully.
 *
 * @param name     {@code format_type} name
 * @param baseType for a domain, the {@code format_type} name of its base type; else null
 * @param labels   for an enum, its labels in sort order; else empty
 */
public record UserType(String name, Kind kind, String baseType, List<String> labels) {

    public enum Kind { ENUM, DOMAIN, COMPOSITE }

    public UserType {
        labels = List.copyOf(labels);
    }

    static Kind kindOf(String typtype) {
        return switch (typtype) {
            case "e" -> Kind.ENUM;
            case "d" -> Kind.DOMAIN;
            default -> Kind.COMPOSITE;
        };
    }
}
