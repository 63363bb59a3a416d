package io.fdwgateway.error;

/**
 * Stable codes for errors the gateway raises itself (database errors carry their SQLSTATE).
 * Every gateway code is here and in the README's table. Clients may branch on these: never
 * rename one.
 */
public final class ErrorCode {
    public static final String FUNCTION_NOT_FOUND = "GW404";
    public static final String METHOD_NOT_ALLOWED = "GW405";
    public static final String INVALID_BODY = "GW400-body";
    public static final String UNKNOWN_ARGUMENT = "GW400-unknown-argument";
    public static final String MISSING_ARGUMENT = "GW400-missing-argument";
    public static final String INVALID_ARGUMENT = "GW400-invalid-argument";
    public static final String AMBIGUOUS_FUNCTION = "GW400-ambiguous-function";
    public static final String UNEXPECTED_PARAMETER = "GW400-unexpected-parameter";
    /** A request the HTTP layer could not read (a 4xx that none of the codes above names). */
    public static final String UNREADABLE_REQUEST = "GW400-unreadable-request";
    /** Malformed percent-encoding, a URL that does not parse, or dots hidden as %2e in the path. */
    public static final String MALFORMED_URL = "GW400-url";
    public static final String UNSUPPORTED_MEDIA_TYPE = "GW415";
    public static final String NOT_ACCEPTABLE = "GW406";
    public static final String BODY_TOO_LARGE = "GW413";
    public static final String MISSING_TOKEN = "GW401-missing-token";
    public static final String INVALID_TOKEN = "GW401-invalid-token";
    public static final String ROLE_NOT_ALLOWED = "GW403-role";
    /** The function's result is larger than {@code gateway.max-response-bytes}. */
    public static final String RESPONSE_TOO_LARGE = "GW502-response-too-large";
    public static final String DATABASE_UNAVAILABLE = "GW503";
    /** The identity provider's discovery document or key set cannot be fetched. */
    public static final String IDP_UNAVAILABLE = "GW503-idp-unavailable";
    /** Postgres did not answer within the statement timeout plus its margin. */
    public static final String CALL_DEADLINE = "GW504-deadline";
    public static final String INTERNAL_ERROR = "GW500";

    private ErrorCode() {
    }
}
