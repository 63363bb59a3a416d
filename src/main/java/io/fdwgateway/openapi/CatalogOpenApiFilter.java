package io.fdwgateway.openapi;

import io.quarkus.arc.Unremovable;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Puts the catalog-derived parts into the document Quarkus serves at {@code /q/openapi}.
 * It runs per request, not once at start-up, because the served functions change whenever
 * the schema cache reloads; the parts themselves are built once per reload by
 * {@link LiveDocument}, so a request only swaps references. Quarkus looks filters up as CDI
 * beans first, which is what lets this one have its dependencies injected.
 */
@Singleton
@Unremovable
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class CatalogOpenApiFilter implements OASFilter {

    private final LiveDocument live;
    private final OpenApiAccess access;

    public CatalogOpenApiFilter(LiveDocument live, OpenApiAccess access) {
        this.live = live;
        this.access = access;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        // per role: the caller's document, or, should this run outside a request the access
        // check saw, none (never every function)
        CatalogDocument document = access.followsPrivileges()
                ? OpenApiAccess.documentOfThisRequest().orElseGet(live::empty)
                : OpenApiAccess.profileOfThisRequest().map(live::forProfile).orElseGet(live::current);
        openAPI.setPaths(document.paths());
        openAPI.setComponents(document.components());
        openAPI.setSecurity(document.security());
    }
}
