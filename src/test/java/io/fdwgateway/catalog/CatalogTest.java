package io.fdwgateway.catalog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.catalog.Catalog.Name;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Name resolution over the exposed schemas, in their order, served routines or not. */
class CatalogTest {

    private static Routine routine(long oid, String schema, String name) {
        return new Routine(oid, schema, name, List.of(), List.of(), ReturnShape.SCALAR, Volatility.STABLE, "text", null);
    }

    @Test
    void anUnservedFirstMatchHidesTheNameFromLaterSchemas() {
        Routine later = routine(2, "shadow", "f");
        Catalog catalog = Catalog.of(List.of(new Name("public", "f"), new Name("shadow", "f")), List.of(later), List.of());
        assertThat(catalog.lookup("f"), empty());
        assertThat(catalog.routines(), empty());
        assertEquals(0, catalog.size());
    }

    @Test
    void aServedFirstMatchShadowsLaterSchemas() {
        Routine first = routine(1, "public", "g");
        Routine later = routine(2, "shadow", "g");
        Catalog catalog = Catalog.of(List.of(new Name("public", "g"), new Name("shadow", "g")), List.of(first, later),
                List.of());
        assertThat(catalog.lookup("g"), contains(first));
        assertThat(catalog.routines(), contains(first));
    }

    @Test
    void theOwningSchemaServesTheOverloadsItServes() {
        Routine served = routine(1, "public", "h");
        Routine elsewhere = routine(3, "shadow", "h");
        // public.h has a second, withheld overload (oid 2): the served one still answers
        Catalog catalog = Catalog.of(List.of(new Name("public", "h"), new Name("public", "h"), new Name("shadow", "h")),
                List.of(served, elsewhere), List.of());
        assertThat(catalog.lookup("h"), contains(served));
    }

    @Test
    void aNameOnlyALaterSchemaHasIsServedFromThere() {
        Routine only = routine(4, "shadow", "k");
        Catalog catalog = Catalog.of(List.of(new Name("public", "f"), new Name("shadow", "k")), List.of(only), List.of());
        assertThat(catalog.lookup("k"), contains(only));
    }
}
