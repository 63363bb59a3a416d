package io.fdwgateway.call;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL text of a call, written once per routine and set of named arguments instead of once
 * per request. Only the text is kept, never a plan: the arguments, the caller and the session
 * settings of every request stay out of it, and the text depends on nothing but the catalog.
 * Reusing one String also lets the pg client find its prepared statement by a hash that is
 * already computed.
 *
 * <p>The texts belong to one catalog snapshot: a reload starts a new, empty set and the old one
 * goes with the old catalog. A routine with many defaulted arguments has many possible sets; the
 * number kept per snapshot is bounded, so a client naming every combination cannot grow memory
 * (past the bound, texts are written per request as before).
 */
final class CallTexts {

    /** Texts kept per catalog snapshot, at most: far more than the calls of a real catalog need. */
    static final int MAX_TEXTS = 16_384;

    private static volatile Snapshot current = new Snapshot(Catalog.empty());

    private CallTexts() {
    }

    /** @param given bit i set when the client named the routine's argument i (routines of up to 64 arguments) */
    static String of(Catalog catalog, Routine routine, long given) {
        Snapshot snapshot = current;
        if (snapshot.catalog != catalog) {
            snapshot = new Snapshot(catalog);
            current = snapshot;
        }
        Key key = new Key(routine, given);
        String text = snapshot.texts.get(key);
        if (text == null) {
            text = SqlBuilder.call(routine, arguments(routine, given));
            if (snapshot.texts.size() < MAX_TEXTS) {
                snapshot.texts.putIfAbsent(key, text);
            }
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

    private static final class Snapshot {
        final Catalog catalog;
        final Map<Key, String> texts = new ConcurrentHashMap<>();

        Snapshot(Catalog catalog) {
            this.catalog = catalog;
        }
    }

    /** A routine of this snapshot by identity (its record equality would compare every field). */
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
