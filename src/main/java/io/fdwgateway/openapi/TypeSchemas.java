package io.fdwgateway.openapi;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.UserType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * Postgres type name ({@code format_type}) → JSON Schema of the value as it travels: Postgres
 * builds response JSON with {@code to_json}, and parses arguments by their type, so each
 * schema describes what {@code to_json} writes for that type.
 *
 * <p>Types without a faithful JSON Schema (money, ranges, geometry, network types, xml, …)
 * fall back to {@code string}: {@code to_json} writes any type without a JSON cast as its text
 * output. Composite-typed values fall back to an object with any members. Every schema
 * carries {@code x-postgres-type}, so a reader always sees the real type.
 */
final class TypeSchemas {

    static final String PG_TYPE = "x-postgres-type";
    private static final Pattern TYPMOD = Pattern.compile("^(.*?)\\((\\d+)(?:,\\s*\\d+)?\\)(.*)$");
    /** Domains of domains nest; a cycle is impossible in Postgres, but a bound costs nothing. */
    private static final int MAX_DEPTH = 16;

    private final Catalog catalog;

    TypeSchemas(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The schema of a non-null value of this type. */
    Schema of(String pgType) {
        return of(pgType, 0).addExtension(PG_TYPE, pgType);
    }

    /** The schema of a value of this type that may also be SQL NULL (JSON null). */
    Schema nullable(String pgType) {
        return orNull(of(pgType));
    }

    /** Adds "null" to a typed schema; an untyped one (any JSON value) already admits null. */
    private static Schema orNull(Schema schema) {
        if (schema.getType() != null && !schema.getType().isEmpty()) {
            schema.addType(SchemaType.NULL);
        }
        return schema;
    }

    private Schema of(String pgType, int depth) {
        if (pgType.endsWith("[]")) {
            return OASFactory.createSchema().addType(SchemaType.ARRAY)
                    .items(orNull(of(pgType.substring(0, pgType.length() - 2), depth)));
        }
        Optional<UserType> user = catalog.userType(pgType);
        if (user.isPresent() && depth < MAX_DEPTH) {
            UserType type = user.get();
            return switch (type.kind()) {
                case ENUM -> OASFactory.createSchema().addType(SchemaType.STRING)
                        .enumeration(new ArrayList<Object>(type.labels()));
                case DOMAIN -> of(type.baseType(), depth + 1);
                case COMPOSITE -> OASFactory.createSchema().addType(SchemaType.OBJECT);
            };
        }
        Matcher modified = TYPMOD.matcher(pgType);
        if (modified.matches()) {
            Schema base = of(modified.group(1) + modified.group(3), depth);
            if (modified.group(1).startsWith("character")) {
                base.maxLength(Integer.parseInt(modified.group(2)));
            }
            return base;
        }
        return builtIn(pgType);
    }

    private static Schema builtIn(String pgType) {
        Schema s = OASFactory.createSchema();
        return switch (pgType) {
            case "smallint", "integer" -> s.addType(SchemaType.INTEGER).format("int32");
            case "bigint" -> s.addType(SchemaType.INTEGER).format("int64");
            case "numeric" -> s.addType(SchemaType.NUMBER);
            case "real" -> s.addType(SchemaType.NUMBER).format("float");
            case "double precision" -> s.addType(SchemaType.NUMBER).format("double");
            case "boolean" -> s.addType(SchemaType.BOOLEAN);
            case "text", "character varying", "character", "name", "citext" -> s.addType(SchemaType.STRING);
            case "date" -> s.addType(SchemaType.STRING).format("date");
            // to_json writes timestamptz as RFC 3339 with an offset; a plain timestamp has none,
            // so it is not a JSON Schema date-time.
            case "timestamp with time zone" -> s.addType(SchemaType.STRING).format("date-time");
            case "uuid" -> s.addType(SchemaType.STRING).format("uuid");
            case "json", "jsonb" -> s.description("Any JSON value.");
            case "record" -> s.addType(SchemaType.OBJECT);
            default -> s.addType(SchemaType.STRING);
        };
    }
}
