package io.fdwgateway.call;

import io.fdwgateway.auth.Caller;
import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Verbs;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.shape.AcceptHeader;
import io.fdwgateway.shape.Media;
import io.fdwgateway.shape.ShapeChecker;
import io.fdwgateway.shape.ShapePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Request to plan: finds the function by name among the served ones, picks the overload the
 * argument names fit, and writes the SQL. Pure: no I/O.
 */
public final class CallPlanner {

    private CallPlanner() {
    }

    public static CallPlan plan(Catalog catalog, String functionName, Arguments arguments, boolean get) {
        return plan(catalog, functionName, arguments, get, null, ResultRequest.JSON);
    }

    /**
     * Whether every overload served under this name returns a set: then the query parameters of
     * a GET that name no argument of any overload shape the result (see {@link #argumentNames}).
     */
    public static boolean returnsSets(Catalog catalog, String functionName) {
        List<Routine> candidates = catalog.lookup(functionName);
        return !candidates.isEmpty() && candidates.stream().allMatch(r -> Media.isSet(r));
    }

    /** The argument names of every overload served under this name. */
    public static Set<String> argumentNames(Catalog catalog, String functionName) {
        return catalog.lookup(functionName).stream().flatMap(r -> r.arguments().stream()).map(Argument::name)
                .collect(Collectors.toSet());
    }

    /**
     * @param get    true for GET (and HEAD), which only names whose {@link Verbs} allow it accept
     * @param caller whose verified claims fill the arguments of {@code @bind} lines; null for none
     */
    public static CallPlan plan(Catalog catalog, String functionName, Arguments requested, boolean get, Caller caller) {
        return plan(catalog, functionName, requested, get, caller, ResultRequest.JSON);
    }

    /**
     * @param get     true for GET (and HEAD), which only names whose {@link Verbs} allow it accept
     * @param caller  whose verified claims fill the arguments of {@code @bind} lines; null for none
     * @param results the representations the client accepts and how it shapes a set's result
     */
    public static CallPlan plan(Catalog catalog, String functionName, Arguments requested, boolean get, Caller caller,
                                ResultRequest results) {
        List<Routine> candidates = catalog.lookup(functionName);
        if (candidates.isEmpty()) {
            throw new GatewayException(new GatewayError.NotFound());
        }
        BoundArguments.refuseClientValues(candidates, requested);
        Routine routine = choose(candidates, requested.names());
        Arguments arguments = BoundArguments.fill(routine, requested, caller);
        Verbs verbs = Verbs.of(candidates);
        if (get && !verbs.allowsGet()) {
            throw new GatewayException(new GatewayError.MethodNotAllowed(verbs.allow()));
        }
        Media media = AcceptHeader.choose(results.acceptable(), routine);
        if (media == null) {
            throw new GatewayException(new GatewayError.NotAcceptable());
        }
        List<Argument> declared = routine.arguments();
        if (media == Media.TEXT || declared.size() > Long.SIZE
                || Media.isSet(routine) && (media != Media.JSON || !results.shaping().isEmpty() || results.maxRows() != null)) {
            // written per call: shaped results, bare text, and (Postgres allows 100) more than 64 arguments
            List<Argument> given = declared.stream().filter(a -> arguments.values().has(a.name())).toList();
            return finish(routine, verbs, given, given.isEmpty() ? null : arguments.values().toString(), results);
        }
        long given = 0;
        for (int i = 0; i < declared.size(); i++) {
            if (arguments.values().has(declared.get(i).name())) {
                given |= 1L << i;
            }
        }
        return new CallPlan(routine, CallTexts.of(routine, given), given != 0 ? arguments.values().toString() : null,
                verbs.allow(), new ResultForm(media, null, List.of()));
    }

    /**
     * The overload served under this name whose single unnamed parameter takes a body of this
     * content type whole: {@code json}/{@code jsonb} for {@code application/json}, {@code text}
     * for {@code text/plain}, {@code bytea} for {@code application/octet-stream}.
     */
    public static Optional<Routine> rawBody(Catalog catalog, String functionName, String contentType) {
        String essence = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        Set<String> types = switch (essence) {
            case "application/json" -> Set.of("json", "jsonb");
            case "text/plain" -> Set.of("text");
            case "application/octet-stream" -> Set.of("bytea");
            default -> Set.of();
        };
        return catalog.lookup(functionName).stream()
                .filter(r -> r.rawBody().map(a -> types.contains(a.displayType())).orElse(false))
                .findFirst();
    }

    /**
     * Plans a call of a raw-body function (see {@link #rawBody}) with the body's text ({@code bytea}:
     * base64), which the SQL binds as {@code $2}.
     */
    public static CallPlan planRaw(Catalog catalog, Routine routine, String body, ResultRequest results) {
        Verbs verbs = Verbs.of(catalog.lookup(routine.name()));
        return finish(routine, verbs, List.of(routine.rawBody().orElseThrow()), body, results);
    }

    private static CallPlan finish(Routine routine, Verbs verbs, List<Argument> given, String argumentsJson,
                                   ResultRequest results) {
        Media media = AcceptHeader.choose(results.acceptable(), routine);
        if (media == null) {
            throw new GatewayException(new GatewayError.NotAcceptable());
        }
        if (!Media.isSet(routine)
                || media == Media.JSON && results.shaping().isEmpty() && results.maxRows() == null) {
            return new CallPlan(routine, SqlBuilder.call(routine, given, media == Media.TEXT), argumentsJson,
                    verbs.allow(), new ResultForm(media, null, List.of()));
        }
        ShapePlan shaping = ShapeChecker.check(routine, results.shaping(), media, results.maxRows());
        StringBuilder sql = new StringBuilder();
        ResultForm form = ShapedSql.build(routine, given, shaping, sql);
        return new CallPlan(routine, sql.toString(), argumentsJson, verbs.allow(), form);
    }

    private static Routine choose(List<Routine> candidates, Set<String> names) {
        if (candidates.stream().allMatch(r -> r.rawBody().isPresent())) {
            throw new GatewayException(new GatewayError.UnsupportedMediaType("This function takes the whole request body:"
                    + " POST it as " + candidates.stream().map(r -> switch (r.rawBody().get().displayType()) {
                        case "text" -> "text/plain";
                        case "bytea" -> "application/octet-stream";
                        default -> "application/json";
                    }).distinct().collect(Collectors.joining(" or ")) + "."));
        }
        // loops, not streams: this runs on every call
        Routine fitting = null;
        int fit = 0;
        for (Routine r : candidates) {
            if (fits(r, names)) {
                fitting = r;
                fit++;
            }
        }
        if (fit == 1) {
            return fitting;
        }
        if (fit > 1) {
            throw ArgumentReader.bad(ErrorCode.AMBIGUOUS_FUNCTION,
                    "Several overloads of this function accept these arguments; name arguments that only one accepts.");
        }
        if (candidates.size() == 1) {
            throw explainMismatch(candidates.get(0), names);
        }
        throw ArgumentReader.bad(ErrorCode.UNKNOWN_ARGUMENT,
                "No overload of this function accepts exactly these arguments. Overloads: " + candidates.stream()
                        .map(r -> "(" + r.clientArguments().stream().map(Argument::name).collect(Collectors.joining(", ")) + ")")
                        .collect(Collectors.joining(", ")) + ".");
    }

    /** Whether the client's names fit: bound arguments count as given, the gateway fills them. */
    private static boolean fits(Routine routine, Set<String> names) {
        if (routine.rawBody().isPresent()) {
            return false; // called with the whole body only (see planRaw)
        }
        for (String name : names) {
            if (!routine.hasArgument(name)) {
                return false;
            }
        }
        for (Argument a : routine.arguments()) {
            if (!a.hasDefault() && !names.contains(a.name()) && !bound(routine, a.name())) {
                return false;
            }
        }
        return true;
    }

    private static boolean bound(Routine routine, String argument) {
        for (var bind : routine.directives().binds()) {
            if (bind.argument().equals(argument)) {
                return true;
            }
        }
        return false;
    }

    private static GatewayException explainMismatch(Routine routine, Set<String> names) {
        for (String name : names) {
            if (routine.argument(name).isEmpty()) {
                String expected = routine.clientArguments().isEmpty() ? "it takes no arguments"
                        : "expected: " + routine.clientArguments().stream().map(Argument::name).collect(Collectors.joining(", "));
                return ArgumentReader.bad(ErrorCode.UNKNOWN_ARGUMENT,
                        "Unknown argument '" + ArgumentReader.printable(name) + "'; " + expected + ".");
            }
        }
        String missing = routine.arguments().stream()
                .filter(a -> !a.hasDefault() && !names.contains(a.name()) && !bound(routine, a.name()))
                .map(Argument::name)
                .collect(Collectors.joining(", "));
        return ArgumentReader.bad(ErrorCode.MISSING_ARGUMENT, "Missing required argument(s): " + missing + ".");
    }
}
