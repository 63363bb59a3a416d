package io.fdwgateway.call;

import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL text of a call, written once per routine and set of named arguments instead of once
 * per request. Only the text is kept, never a plan: the arguments, the caller and the session
 * settings of every request stay out of it, and the text depends on nothing but the routine.
 * Reusing one String also lets the pg client find its prepared statement by a hash that is
 * already computed.
 *
 * <p>Routines are told apart by identity: every schema-cache load makes new ones, so a reloaded
 * function never gets the text of its predecessor, and the catalog of a schema profile, which
 * shares the routines of the full catalog, shares their texts too. The texts of routines a
 * reload dropped stay until the bound: at {@link #MAX_TEXTS} the texts are forgotten and
 * written again as calls come (a few microseconds each), so neither reloads nor a client
 * naming every combination of defaulted arguments can grow memory.
 */
final class CallTexts {

    /** Texts kept at most: far more than the calls of a real catalog need. */
    static final int MAX_TEXTS = 4096;

    private static final Map<Key, String> TEXTS = new ConcurrentHashMap<>();

    private CallTexts() {
    }

    /** @param given bit i set when the client named the routine's argument i (routines of up to 64 arguments) */
    static String of(Routine routine, long given) {
        Key key = new Key(routine, given);
        String text = TEXTS.get(key);
        if (text == null) {
            text = SqlBuilder.call(routine, arguments(routine, given));
            if (TEXTS.size() >= MAX_TEXTS) {
                TEXTS.clear();
            }
            TEXTS.putIfAbsent(key, text);
        }
        return text;
    }

    /** The named arguments, in declaration order. */
    static List<Argument> arguments(Routine routine, long given) {
        List<Argument> all = routine.arguments();
        List<Argument> named = new ArrayList<>(Long.bitCount(given));
        for (int i = 0; i < all.size(); i++) {
            if ((given & (1L << i)) != 0) {
                named.add(all.get(i));
            }
        }
        return named;
    }

    /** Texts kept now (for tests). */
    static int size() {
        return TEXTS.size();
    }

    /** A routine by identity (its record equality would compare every field on every call). */
    private record Key(Routine routine, long given) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.routine == routine && k.given == given;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(routine) * 31 + Long.hashCode(given);
        }
    }
}
