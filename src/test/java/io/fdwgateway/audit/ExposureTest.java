package io.fdwgateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph's JSON (the lock), its comparison and its Mermaid drawing. */
class ExposureTest {

    private static final Exposure.Path STRIPE = new Exposure.Path("authenticated", "public.get_products(text)",
            "stripe.products", "stripe_server");
    private static final Exposure.Path TAGGED = new Exposure.Path("authenticated", "public.report(text)", null, "warehouse");
    private static final Exposure.Path UNKNOWN = new Exposure.Path("anon", "public.run(text)", null, Exposure.UNKNOWN_SERVER);

    @Test
    void jsonRoundTripsSortedAndWithoutDuplicates() throws IOException {
        Exposure graph = new Exposure(List.of(TAGGED, STRIPE, UNKNOWN, STRIPE));
        assertEquals(List.of(UNKNOWN, STRIPE, TAGGED), graph.paths());
        Exposure read = Exposure.parse(graph.json());
        assertEquals(graph, read);
        assertTrue(graph.json().contains("\"foreignTable\" : null"), graph.json());
    }

    @Test
    void newPathsAreThoseTheLockLacks() {
        Exposure lock = new Exposure(List.of(STRIPE, TAGGED));
        Exposure live = new Exposure(List.of(STRIPE, UNKNOWN));
        assertEquals(List.of(UNKNOWN), live.addedSince(lock));
        assertEquals(List.of(TAGGED), lock.addedSince(live));
        assertEquals("anon → public.run(text) → (no table named) → unknown", UNKNOWN.arrow());
    }

    @Test
    void aLockThatIsNotTheGraphIsRefused() {
        assertThrows(IOException.class, () -> Exposure.parse("{\"findings\": []}"));
        assertThrows(IOException.class, () -> Exposure.parse("[1, 2]"));
        assertThrows(IOException.class, () -> Exposure.parse("{\"paths\": [{\"role\": \"anon\"}]}"));
    }

    @Test
    void mermaidDrawsEachNodeOnceAndTagsDotted() {
        String chart = new Exposure(List.of(STRIPE, TAGGED, new Exposure.Path("anon", "public.get_products(text)",
                "stripe.products", "stripe_server"))).mermaid();
        assertTrue(chart.startsWith("flowchart LR\n"), chart);
        assertEquals(1, chart.split("\\[\"public.get_products\\(text\\)\"\\]", -1).length - 1, chart);
        assertTrue(chart.contains(" -.-> "), chart);
        assertTrue(chart.contains("[(\"stripe_server\")]"), chart);
        assertTrue(chart.contains("([\"anon\"])"), chart);
    }
}
