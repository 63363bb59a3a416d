package io.fdwgateway.openapi;

import io.fdwgateway.catalog.Routine;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * What the admit stage adds to an operation: the 429 of a rate limit, where one applies, and,
 * on POST to a VOLATILE function, the optional {@code Idempotency-Key} header with the answers
 * it brings (409 while the first call runs, 422 for other arguments).
 */
final class AdmitDocs {

    static final String IDEMPOTENCY_KEY = "IdempotencyKey";

    private AdmitDocs() {
    }

    static void register(Components components) {
        components.addResponse("TooManyRequests", problem(
                "A rate limit of this caller is used up (GW429-rate-limited); the call did not reach the database.")
                .addHeader("Retry-After", header("Seconds until the limit allows a call again."))
                .addHeader("RateLimit-Policy", header("The limits that apply (IETF RateLimit header fields)."))
                .addHeader("RateLimit", header("What is left of the limit closest to being used up.")));
        components.addResponse("IdempotencyInFlight", problem(
                "A call with this Idempotency-Key is still running (GW409-idempotency-in-flight); retry once it has"
                        + " answered."));
        components.addResponse("IdempotencyMismatch", problem(
                "This Idempotency-Key was first used with other arguments (GW422-idempotency-mismatch)."));
        components.addParameter(IDEMPOTENCY_KEY, OASFactory.createParameter().name("Idempotency-Key")
                .in(Parameter.In.HEADER).required(false)
                .description("Makes a retry safe: the first call with this key runs and its answer (2xx or 4xx) is"
                        + " kept; a repeat with the same arguments gets that answer again, with"
                        + " Idempotent-Replayed: true, and the function does not run twice. At most 255 characters.")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).minLength(1).maxLength(255)));
    }

    /**
     * @param rateLimited whether a rate limit applies to calls of this function
     */
    static void apply(PathItem path, List<Routine> overloads, boolean rateLimited) {
        for (Operation op : new Operation[] {path.getPOST(), path.getGET()}) {
            if (op != null && rateLimited) {
                op.getResponses().addAPIResponse("429", ref("TooManyRequests"));
            }
        }
        boolean volatileFunction = overloads.stream().anyMatch(r -> !r.volatility().readOnly());
        if (path.getPOST() != null && volatileFunction) {
            Operation post = path.getPOST();
            post.addParameter(OASFactory.createParameter().ref("#/components/parameters/" + IDEMPOTENCY_KEY));
            post.getResponses().addAPIResponse("409", ref("IdempotencyInFlight"));
            post.getResponses().addAPIResponse("422", ref("IdempotencyMismatch"));
        }
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse ref(String name) {
        return OASFactory.createAPIResponse().ref("#/components/responses/" + name);
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(ErrorResponses.PROBLEM_JSON,
                        OASFactory.createMediaType().schema(ErrorResponses.ref("#/components/schemas/"
                                + ErrorResponses.PROBLEM))));
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }
}
