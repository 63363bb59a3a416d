package io.fdwgateway.openapi;

import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Routine.Column;
import io.fdwgateway.catalog.Verbs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * One path, {@code /rpc/{name}}, for all overloads of a served function name.
 *
 * <p>Operation ids are stable: POST is {@code {name}} (every function accepts POST), GET is
 * {@code {name}_get}. A path has one operation per verb, so overloads share it: the POST
 * body is a {@code oneOf} of each overload's argument object (closed, so the argument names
 * tell the overloads apart, just as the gateway picks one), GET lists the union of their
 * arguments, and the 200 response is a {@code oneOf} of their distinct result shapes.
 * Overloads are numbered in the order of their argument signature, never of their oid, so
 * the numbering survives a dump and restore.
 */
final class FunctionPaths {

    private static final String JSON = "application/json";

    private final TypeSchemas types;
    private final Map<String, Schema> schemas;

    /** @param schemas component schemas; named schemas of this function are added to it */
    FunctionPaths(TypeSchemas types, Map<String, Schema> schemas) {
        this.types = types;
        this.schemas = schemas;
    }

    PathItem pathFor(String name, List<Routine> overloads) {
        List<Routine> sorted = overloads.stream().sorted(Comparator.comparing(FunctionPaths::signatureKey)).toList();
        String summary = sorted.stream().map(Routine::signature).collect(Collectors.joining("; "));
        String description = sorted.stream().map(Routine::description).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining("\n\n"));
        Schema result = results(name, sorted);
        PathItem path = OASFactory.createPathItem().POST(post(name, sorted, result, summary, description));
        if (Verbs.of(sorted).allowsGet()) {
            path.GET(get(name, sorted, result, summary, description));
        }
        return path;
    }

    private Operation post(String name, List<Routine> overloads, Schema result, String summary, String description) {
        Operation op = operation(name, summary, description, result, true, overloads);
        if (ResultShaping.returnsSets(overloads)) {
            ResultShaping.addParameters(op, overloads, Set.of());
        }
        List<Routine> raw = overloads.stream().filter(r -> r.rawBody().isPresent()).toList();
        if (!raw.isEmpty()) {
            op.requestBody(rawBodies(raw));
        } else if (overloads.stream().anyMatch(r -> !r.clientArguments().isEmpty())) {
            List<Schema> bodies = new ArrayList<>();
            for (int i = 0; i < overloads.size(); i++) {
                String schemaName = name + "_args" + suffix(overloads, i);
                schemas.put(schemaName, argumentsObject(overloads.get(i)));
                bodies.add(ErrorResponses.ref("#/components/schemas/" + schemaName));
            }
            Schema body = bodies.size() == 1 ? bodies.get(0) : OASFactory.createSchema().oneOf(bodies);
            boolean required = overloads.stream()
                    .allMatch(r -> r.clientArguments().stream().anyMatch(a -> !a.hasDefault()));
            op.requestBody(OASFactory.createRequestBody().required(required)
                    .description("Named arguments as one JSON object.")
                    .content(OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType().schema(body))));
        }
        return op;
    }

    /** The whole body as a single unnamed parameter: JSON for json/jsonb, text for text, bytes for bytea. */
    private RequestBody rawBodies(List<Routine> raw) {
        Content content = OASFactory.createContent();
        for (Routine r : raw) {
            Argument arg = r.rawBody().orElseThrow();
            switch (arg.displayType()) {
                case "text" -> content.addMediaType("text/plain", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().addType(SchemaType.STRING)));
                case "bytea" -> content.addMediaType("application/octet-stream", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().addType(SchemaType.STRING).format("binary")));
                default -> content.addMediaType(JSON, OASFactory.createMediaType().schema(OASFactory.createSchema()
                        .description("Any JSON value; the function receives it whole as " + arg.displayType() + ".")));
            }
        }
        return OASFactory.createRequestBody().required(raw.stream().anyMatch(r -> !r.rawBody().get().hasDefault()))
                .description("The whole request body, the function's single unnamed parameter.").content(content);
    }

    private Operation get(String name, List<Routine> overloads, Schema result, String summary, String description) {
        Operation op = operation(name + "_get", summary, description, result, false, overloads);
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Routine routine : overloads) {
            for (Argument arg : routine.clientArguments()) {
                if (arg.name().isEmpty()) {
                    continue; // a raw body's parameter: POST only
                }
                boolean required = !arg.hasDefault() && overloads.size() == 1;
                byName.putIfAbsent(arg.name(), OASFactory.createParameter().name(arg.name())
                        .in(Parameter.In.QUERY).required(required).schema(queryValue(arg.displayType())));
            }
        }
        byName.values().forEach(op::addParameter);
        if (ResultShaping.returnsSets(overloads)) {
            ResultShaping.addParameters(op, overloads, byName.keySet());
        }
        return op;
    }

    private Operation operation(String id, String summary, String description, Schema result, boolean post,
                                List<Routine> overloads) {
        APIResponses responses = OASFactory.createAPIResponses();
        boolean sets = ResultShaping.returnsSets(overloads);
        if (result == null) {
            responses.addAPIResponse("204", OASFactory.createAPIResponse().description("Done; the function returns void."));
        } else if (sets) {
            responses.addAPIResponse("200", OASFactory.createAPIResponse().description("The function's result.")
                    .content(ResultShaping.content(result, overloads))
                    .addHeader("Content-Range", ResultShaping.contentRange()));
            responses.addAPIResponse("206", OASFactory.createAPIResponse()
                    .description("Part of the result: Prefer: count=exact counted rows the window left out.")
                    .content(ResultShaping.content(result, overloads))
                    .addHeader("Content-Range", ResultShaping.contentRange()));
        } else {
            responses.addAPIResponse("200", OASFactory.createAPIResponse().description(ResultShaping.description(overloads))
                    .content(ResultShaping.content(result, overloads)));
        }
        ErrorResponses.addTo(responses, post);
        if (sets && result != null) {
            responses.addAPIResponse("416", OASFactory.createAPIResponse().ref("#/components/responses/RangeNotSatisfiable"));
        }
        Operation op = OASFactory.createOperation().operationId(id).summary(summary).responses(responses);
        return description.isEmpty() ? op : op.description(description);
    }

    /** The 200 schema, or null when every overload returns void. */
    private Schema results(String name, List<Routine> overloads) {
        Map<String, Schema> distinct = new LinkedHashMap<>();
        for (int i = 0; i < overloads.size(); i++) {
            Routine r = overloads.get(i);
            String key = r.shape() + " " + r.returnType() + " " + r.columns();
            if (!distinct.containsKey(key)) {
                distinct.put(key, result(r, name + "_row" + suffix(overloads, i)));
            }
        }
        distinct.values().removeIf(Objects::isNull);
        if (distinct.isEmpty()) {
            return null;
        }
        return distinct.size() == 1 ? distinct.values().iterator().next()
                : OASFactory.createSchema().oneOf(List.copyOf(distinct.values()));
    }

    private Schema result(Routine routine, String rowName) {
        return switch (routine.shape()) {
            case VOID -> null;
            case SCALAR -> types.nullable(routine.returnType());
            case SET_OF_SCALARS -> OASFactory.createSchema().addType(SchemaType.ARRAY)
                    .items(types.nullable(routine.returnType()));
            case ROW -> {
                schemas.put(rowName, rowObject(routine.columns(), true));
                yield ErrorResponses.ref("#/components/schemas/" + rowName);
            }
            case SET_OF_ROWS -> {
                schemas.put(rowName, rowObject(routine.columns(), false));
                yield OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(ErrorResponses.ref("#/components/schemas/" + rowName));
            }
        };
    }

    /**
     * Postgres builds rows with every column present; any column may be null. A set's rows have
     * every column unless {@code select=} names fewer, so there none is required.
     */
    private Schema rowObject(List<Column> columns, boolean allRequired) {
        Schema row = OASFactory.createSchema().addType(SchemaType.OBJECT).additionalPropertiesBoolean(false);
        if (!allRequired) {
            row.description("Every column, unless select= names fewer.");
        }
        for (Column column : columns) {
            row.addProperty(column.name(), types.nullable(column.displayType()));
            if (allRequired) {
                row.addRequired(column.name());
            }
        }
        return row;
    }

    private Schema argumentsObject(Routine routine) {
        Schema args = OASFactory.createSchema().addType(SchemaType.OBJECT).additionalPropertiesBoolean(false)
                .description(routine.signature());
        // bound arguments come from the token: a client never sends them
        for (Argument arg : routine.clientArguments()) {
            args.addProperty(arg.name(), types.nullable(arg.displayType()));
            if (!arg.hasDefault()) {
                args.addRequired(arg.name());
            }
        }
        return args;
    }

    /**
     * A query-string value is text that Postgres parses by the argument's type, so arrays,
     * JSON and composites travel in their Postgres text form ({@code {a,b}}, {@code {"k":1}}).
     */
    private Schema queryValue(String pgType) {
        Schema schema = types.of(pgType);
        List<SchemaType> type = schema.getType();
        if (type == null || type.isEmpty() || type.contains(SchemaType.ARRAY) || type.contains(SchemaType.OBJECT)) {
            return OASFactory.createSchema().addType(SchemaType.STRING)
                    .description("Postgres text form of " + pgType + (pgType.endsWith("[]") ? ", e.g. {a,b}." : "."))
                    .addExtension(TypeSchemas.PG_TYPE, pgType);
        }
        return schema;
    }

    private static String suffix(List<Routine> overloads, int index) {
        return overloads.size() == 1 ? "" : "_" + (index + 1);
    }

    private static String signatureKey(Routine r) {
        return r.arguments().stream().map(a -> a.name() + " " + a.displayType()).collect(Collectors.joining(","));
    }
}
