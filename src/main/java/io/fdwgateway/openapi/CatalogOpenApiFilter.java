package io.fdwgateway.openapi;

import io.quarkus.arc.Unremovable;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Puts the catalog-derived parts into the document Quarkus writes. It runs each time the
 * document is written, not once at start-up, because the served functions change whenever the
 * schema cache reloads. {@link ServedDocuments} asks Quarkus for the document with the parts
 * of one request's document in hand ({@link #with}); written any other way (a request that
 * reached Quarkus' handler directly), the document describes no function, never every
 * function. Quarkus looks filters up as CDI beans first, which is what lets this one have its
 * dependencies injected.
 */
@Singleton
@Unremovable
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class CatalogOpenApiFilter implements OASFilter {

    /** The parts of the document being written on this thread (Quarkus runs the filter on the caller's thread). */
    private static final ThreadLocal<CatalogDocument> WRITING = new ThreadLocal<>();

    private final LiveDocument live;

    public CatalogOpenApiFilter(LiveDocument live) {
        this.live = live;
    }

    /** Runs {@code write} (which makes Quarkus write the document) with {@code parts} as the catalog's parts. */
    static <T> T with(CatalogDocument parts, Supplier<T> write) {
        WRITING.set(parts);
        try {
            return write.get();
        } finally {
            WRITING.remove();
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        CatalogDocument document = WRITING.get();
        if (document == null) {
            document = live.empty();
        }
        openAPI.setPaths(document.paths());
        openAPI.setComponents(document.components());
        openAPI.setSecurity(document.security());
    }
}
