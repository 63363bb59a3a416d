package io.fdwgateway.openapi;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The problem+json error answers every operation shares: one {@code Problem} schema and one
 * named response per status, referenced from each operation so the document stays small.
 */
final class ErrorResponses {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    /** status → (component name, when it happens); POST-only ones are marked by {@link #postOnly}. */
    private static final Map<String, String[]> STATUSES = new LinkedHashMap<>();

    static {
        STATUSES.put("400", new String[] {"BadRequest",
                "Unknown, missing or mistyped argument, a malformed or unknown select, filter, order, limit, offset or"
                        + " Range, an unusable Idempotency-Key, or the function raised an exception (P0001, 22*, 23*)."});
        STATUSES.put("401", new String[] {"Unauthorized",
                "No valid bearer token, and the function is not callable anonymously."});
        STATUSES.put("403", new String[] {"Forbidden",
                "The caller's role may not execute this function, or the token names a role that is not allowed."});
        STATUSES.put("404", new String[] {"NotFound", "No such function is served (anymore) at this path."});
        STATUSES.put("405", new String[] {"MethodNotAllowed",
                "The function does not accept this verb (GET on a VOLATILE function), or, declared read-only, it tried"
                        + " to write (25006)."});
        STATUSES.put("406", new String[] {"NotAcceptable",
                "The Accept header allows no representation this result has (JSON, PostgREST's single object, CSV"
                        + " for sets, text for a text result), or a single object was asked for and the result has"
                        + " not exactly one row (GW406-single-object)."});
        STATUSES.put("413", new String[] {"PayloadTooLarge", "The request body is larger than the gateway accepts."});
        STATUSES.put("415", new String[] {"UnsupportedMediaType", "The body is not sent as application/json."});
        STATUSES.put("502", new String[] {"BadGateway", "A foreign data wrapper's upstream failed (SQLSTATE HV*),"
                + " or the result is larger than the gateway returns (GW502-response-too-large)."});
        STATUSES.put("503", new String[] {"ServiceUnavailable", "The database is unavailable, or a foreign server the"
                + " function reaches is failing (GW503-upstream-open) or has as many calls as it may take"
                + " (GW503-upstream-busy); retry after Retry-After."});
        STATUSES.put("504", new String[] {"GatewayTimeout",
                "The call exceeded the statement timeout (57014), or the database did not answer in time (GW504-deadline)."});
        STATUSES.put("default", new String[] {"Error", "Any other failure, for example a conflict (409)."});
    }

    private ErrorResponses() {
    }

    static boolean postOnly(String status) {
        return status.equals("413") || status.equals("415");
    }

    /** Adds the Problem schema and the shared responses to {@code components}. */
    static void register(Components components) {
        components.addSchema(PROBLEM, problemSchema());
        STATUSES.forEach((status, named) -> {
            var response = OASFactory.createAPIResponse()
                    .description(named[1])
                    .content(OASFactory.createContent().addMediaType(PROBLEM_JSON,
                            OASFactory.createMediaType().schema(ref("#/components/schemas/" + PROBLEM))));
            switch (status) {
                case "401" -> response.addHeader("WWW-Authenticate", header("Bearer challenge (RFC 6750)."));
                case "405" -> response.addHeader("Allow", header("The verbs this function accepts."));
                case "503" -> response.addHeader("Retry-After", header("Seconds to wait before retrying."));
                default -> { }
            }
            components.addResponse(named[0], response);
        });
        components.addResponse("RangeNotSatisfiable", OASFactory.createAPIResponse()
                .description("A Range whose first row is after its last, or a window that starts past the counted"
                        + " rows (GW416-range).")
                .addHeader("Content-Range", header("*/total, when the rows were counted."))
                .content(OASFactory.createContent().addMediaType(PROBLEM_JSON,
                        OASFactory.createMediaType().schema(ref("#/components/schemas/" + PROBLEM)))));
    }

    /** Adds references to the shared error responses; POST operations also get 413 and 415. */
    static void addTo(APIResponses responses, boolean post) {
        STATUSES.forEach((status, named) -> {
            if (post || !postOnly(status)) {
                if (status.equals("default")) {
                    responses.defaultValue(OASFactory.createAPIResponse().ref("#/components/responses/" + named[0]));
                } else {
                    responses.addAPIResponse(status,
                            OASFactory.createAPIResponse().ref("#/components/responses/" + named[0]));
                }
            }
        });
    }

    static Schema ref(String ref) {
        return OASFactory.createSchema().ref(ref);
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .description("RFC 9457 problem details, with the gateway's extension members.")
                .addType(SchemaType.OBJECT)
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", string("Problem type URI; about:blank for all gateway errors."))
                .addProperty("title", string("Short summary of the HTTP status."))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status."))
                .addProperty("detail", string("What went wrong; a raised exception's message is its author's."))
                .addProperty("message", string("Same as detail, under PostgREST's name for PostgREST clients."))
                .addProperty("code", string("SQLSTATE for database errors, else a stable gateway code (GW…)."))
                .addProperty("details", string("More about the error, when a function raised SQLSTATE 'PGRST' with details."))
                .addProperty("hint", string("Postgres' hint, when it gave one."))
                .addProperty("requestId", string("Identifies the request in the gateway's log."));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
