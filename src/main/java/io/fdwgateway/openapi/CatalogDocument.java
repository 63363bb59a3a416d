package io.fdwgateway.openapi;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.Routine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The parts of the OpenAPI document that come from the catalog: one path per served function
 * name, their schemas, the shared error responses and the security schemes. Pure: the same
 * catalog and options always give the same document, in the same order.
 *
 * @param paths      {@code /rpc/{name}} for every served name, sorted by name
 * @param components schemas, responses and security schemes
 * @param security   the document-wide security requirement alternatives
 */
public record CatalogDocument(Paths paths, Components components, List<SecurityRequirement> security) {

    static final String BEARER = "bearer";
    static final String OIDC = "oidc";

    /**
     * @param openIdConnectUrl     the issuer's discovery document, when an issuer is configured
     * @param anonymousAllowed     whether calls without a token are served (with the anonymous role)
     * @param everyCallRateLimited a per-caller rate limit applies to every function
     * @param rateLimitedFunctions functions with a rate limit of their own
     * @param profiles             the exposed schemas; with more than one, every operation documents the
     *                             schema profile header that chooses among them
     */
    public record Options(Optional<String> openIdConnectUrl, boolean anonymousAllowed, boolean everyCallRateLimited,
                          Set<String> rateLimitedFunctions, List<String> profiles) {

        public Options {
            rateLimitedFunctions = Set.copyOf(rateLimitedFunctions);
            profiles = List.copyOf(profiles);
        }

        /** One schema. */
        public Options(Optional<String> openIdConnectUrl, boolean anonymousAllowed, boolean everyCallRateLimited,
                       Set<String> rateLimitedFunctions) {
            this(openIdConnectUrl, anonymousAllowed, everyCallRateLimited, rateLimitedFunctions, List.of());
        }

        /** No rate limit, one schema. */
        public Options(Optional<String> openIdConnectUrl, boolean anonymousAllowed) {
            this(openIdConnectUrl, anonymousAllowed, false, Set.of(), List.of());
        }

        boolean rateLimited(String function) {
            return everyCallRateLimited || rateLimitedFunctions.contains(function);
        }
    }

    public static CatalogDocument build(Catalog catalog, Options options) {
        Map<String, List<Routine>> byName = new TreeMap<>();
        for (Routine routine : catalog.routines()) {
            byName.computeIfAbsent(routine.name(), k -> new ArrayList<>()).add(routine);
        }
        Map<String, Schema> schemas = new TreeMap<>();
        FunctionPaths functions = new FunctionPaths(new TypeSchemas(catalog), schemas);
        Paths paths = OASFactory.createPaths();
        byName.forEach((name, overloads) -> {
            var path = functions.pathFor(name, overloads);
            AdmitDocs.apply(path, overloads, options.rateLimited(name));
            paths.addPathItem("/rpc/" + name, path);
        });
        if (options.profiles().size() > 1) {
            paths.getPathItems().values().forEach(path -> profileHeaders(path, options.profiles()));
        }

        Components components = OASFactory.createComponents();
        ErrorResponses.register(components);
        AdmitDocs.register(components);
        schemas.forEach(components::addSchema);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An access token from the configured OpenID Connect issuer."));
        options.openIdConnectUrl().ifPresent(url -> components.addSecurityScheme(OIDC,
                OASFactory.createSecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT).openIdConnectUrl(url)));

        List<SecurityRequirement> security = new ArrayList<>();
        security.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
        options.openIdConnectUrl().ifPresent(url -> security.add(OASFactory.createSecurityRequirement().addScheme(OIDC)));
        if (options.anonymousAllowed()) {
            // an empty requirement: calling without a token is an alternative
            security.add(OASFactory.createSecurityRequirement());
        }
        return new CatalogDocument(paths, components, List.copyOf(security));
    }

    /** {@code Accept-Profile} on GET, {@code Content-Profile} on POST: which exposed schema answers. */
    private static void profileHeaders(org.eclipse.microprofile.openapi.models.PathItem path, List<String> profiles) {
        if (path.getGET() != null) {
            path.getGET().addParameter(profileHeader("Accept-Profile", profiles));
        }
        if (path.getPOST() != null) {
            path.getPOST().addParameter(profileHeader("Content-Profile", profiles));
        }
    }

    private static org.eclipse.microprofile.openapi.models.parameters.Parameter profileHeader(String name,
                                                                                               List<String> profiles) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        profiles.forEach(schema::addEnumeration);
        return OASFactory.createParameter().name(name)
                .in(org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER)
                .description("The one schema that answers (PostgREST's schema profile); without it the exposed"
                        + " schemas are searched in order. Another value answers 406 GW406-profile.")
                .schema(schema);
    }
}
