package io.fdwgateway.call;

import io.fdwgateway.auth.Caller;
import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Verbs;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Request to plan: finds the function by name among the served ones, picks the overload the
 * argument names fit, and writes the SQL. Pure: no I/O.
 */
public final class CallPlanner {

    private CallPlanner() {
    }

    /** @param get true for GET (and HEAD), which only names whose {@link Verbs} allow it accept */
    public static CallPlan plan(Catalog catalog, String functionName, Arguments arguments, boolean get) {
        return plan(catalog, functionName, arguments, get, null);
    }

    /**
     * @param get    true for GET (and HEAD), which only names whose {@link Verbs} allow it accept
     * @param caller whose verified claims fill the arguments of {@code @bind} lines; null for none
     */
    public static CallPlan plan(Catalog catalog, String functionName, Arguments requested, boolean get, Caller caller) {
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
        List<Argument> declared = routine.arguments();
        String sql;
        boolean named;
        if (declared.size() <= Long.SIZE) {
            long given = 0;
            for (int i = 0; i < declared.size(); i++) {
                if (arguments.values().has(declared.get(i).name())) {
                    given |= 1L << i;
                }
            }
            sql = CallTexts.of(routine, given);
            named = given != 0;
        } else {
            // Postgres allows 100 arguments; texts are kept for up to 64, written per call beyond
            List<Argument> given = declared.stream().filter(a -> arguments.values().has(a.name())).toList();
            sql = SqlBuilder.call(routine, given);
            named = !given.isEmpty();
        }
        return new CallPlan(routine, sql, named ? arguments.values().toString() : null, verbs.allow());
    }

    private static Routine choose(List<Routine> candidates, Set<String> names) {
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
