package io.fdwgateway.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details body, with the gateway's extension members {@code code},
 * {@code hint}, {@code details} (PostgREST's, when a function's author gave them) and
 * {@code requestId}, and {@code message}: the detail again under the name
 * PostgREST uses, because PostgREST clients ({@code postgrest-js}, {@code supabase-js}) read
 * the error message from that member and would otherwise report none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String message, String code,
                      String details, String hint, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(GatewayError error, String requestId) {
        return new Problem("about:blank", error.title(), error.status(), error.detail(), error.detail(),
                error.code(), error.details(), error.hint(), requestId);
    }
}
