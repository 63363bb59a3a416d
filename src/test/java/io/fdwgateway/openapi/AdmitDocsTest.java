package io.fdwgateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Volatility;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.junit.jupiter.api.Test;

/** The admit stage in the document: 429 where a rate limit applies, Idempotency-Key on POSTs of VOLATILE functions. */
class AdmitDocsTest {

    private static final Catalog CATALOG = Catalog.of(List.of(
            new Routine(1, "public", "charge", List.of(), List.of(), ReturnShape.SCALAR, Volatility.VOLATILE, "text", null),
            new Routine(2, "public", "prices", List.of(), List.of(), ReturnShape.SCALAR, Volatility.STABLE, "text", null)));

    private static PathItem path(CatalogDocument.Options options, String name) {
        return CatalogDocument.build(CATALOG, options).paths().getPathItem("/rpc/" + name);
    }

    @Test
    void withoutLimitsNoOperationDocuments429() {
        CatalogDocument.Options none = new CatalogDocument.Options(Optional.empty(), false);
        assertNull(path(none, "charge").getPOST().getResponses().getAPIResponse("429"));
        assertNull(path(none, "prices").getGET().getResponses().getAPIResponse("429"));
    }

    @Test
    void aFunctionLimitDocuments429OnThatFunctionAndAPerCallerLimitOnEvery() {
        CatalogDocument.Options one = new CatalogDocument.Options(Optional.empty(), false, false, Set.of("prices"));
        assertNull(path(one, "charge").getPOST().getResponses().getAPIResponse("429"));
        assertEquals("#/components/responses/TooManyRequests",
                path(one, "prices").getGET().getResponses().getAPIResponse("429").getRef());
        assertNotNull(path(one, "prices").getPOST().getResponses().getAPIResponse("429"));

        CatalogDocument.Options every = new CatalogDocument.Options(Optional.empty(), false, true, Set.of());
        assertNotNull(path(every, "charge").getPOST().getResponses().getAPIResponse("429"));
        var components = CatalogDocument.build(CATALOG, every).components();
        assertTrue(components.getResponses().get("TooManyRequests").getHeaders().keySet()
                .containsAll(Set.of("Retry-After", "RateLimit-Policy", "RateLimit")));
    }

    @Test
    void onlyPostsOfVolatileFunctionsTakeAnIdempotencyKey() {
        CatalogDocument.Options none = new CatalogDocument.Options(Optional.empty(), false);
        Operation charge = path(none, "charge").getPOST();
        assertEquals("#/components/parameters/IdempotencyKey", charge.getParameters().get(0).getRef());
        assertEquals("#/components/responses/IdempotencyInFlight", charge.getResponses().getAPIResponse("409").getRef());
        assertEquals("#/components/responses/IdempotencyMismatch", charge.getResponses().getAPIResponse("422").getRef());
        Operation prices = path(none, "prices").getPOST();
        assertTrue(prices.getParameters() == null || prices.getParameters().isEmpty());
        assertNull(prices.getResponses().getAPIResponse("409"));
        var key = CatalogDocument.build(CATALOG, none).components().getParameters().get("IdempotencyKey");
        assertEquals("Idempotency-Key", key.getName());
        assertEquals(255, key.getSchema().getMaxLength());
    }
}
