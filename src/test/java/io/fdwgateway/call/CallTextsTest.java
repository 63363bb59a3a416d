package io.fdwgateway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Volatility;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL text of a call is written once per routine and argument set, and never outlives its catalog. */
class CallTextsTest {

    private static final Argument A = new Argument("a", "pg_catalog.int4", "integer", false, false);
    private static final Argument B = new Argument("b", "pg_catalog.int4", "integer", true, false);

    private static Routine add(String name) {
        return new Routine(7, "public", name, List.of(A, B), List.of(), ReturnShape.SCALAR, Volatility.IMMUTABLE,
                "integer", null);
    }

    private static CallPlan plan(Catalog catalog, String name, String body) {
        return CallPlanner.plan(catalog, name, ArgumentReader.fromBody(body), false);
    }

    @Test
    void oneTextPerRoutineAndArgumentSet() {
        Routine add = add("add");
        Catalog catalog = Catalog.of(List.of(add));
        CallPlan first = plan(catalog, "add", "{\"a\":1}");
        CallPlan again = plan(catalog, "add", "{\"a\":2}");
        CallPlan both = plan(catalog, "add", "{\"a\":1,\"b\":2}");
        assertSame(first.sql(), again.sql());
        assertEquals(SqlBuilder.call(add, List.of(A)), first.sql());
        assertEquals(SqlBuilder.call(add, List.of(A, B)), both.sql());
        assertNotEquals(first.sql(), both.sql());
        // the values stay per request: only the text is shared
        assertEquals("{\"a\":2}", again.argumentsJson());
    }

    @Test
    void aReloadedCatalogNeverGetsTheTextOfTheOldOne() {
        Catalog before = Catalog.of(List.of(add("add")));
        Catalog after = Catalog.of(List.of(add("add"), add("sum")));
        String old = plan(before, "add", "{\"a\":1}").sql();
        String renamed = plan(after, "sum", "{\"a\":1}").sql();
        assertTrue(renamed.contains("\"public\".\"sum\"("), renamed);
        assertTrue(old.contains("\"public\".\"add\"("), old);
        // a call still planned on the old catalog while the new one serves gets the old routine's text
        assertTrue(plan(before, "add", "{\"a\":1}").sql().contains("\"add\""));
    }

    @Test
    void boundedWhateverTheClientNames() {
        Routine add = add("add");
        for (long given = 0; given < CallTexts.MAX_TEXTS * 2L; given++) {
            CallTexts.of(add, given & 0b11 | given << 2);
            assertTrue(CallTexts.size() <= CallTexts.MAX_TEXTS);
        }
    }

    @Test
    void argumentsAreTakenInDeclarationOrder() {
        Routine add = add("add");
        assertEquals(List.of(B), CallTexts.arguments(add, 0b10));
        assertEquals(List.of(A, B), CallTexts.arguments(add, 0b11));
        assertEquals(List.of(), CallTexts.arguments(add, 0));
    }
}
