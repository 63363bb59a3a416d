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
    /** A Prefer header with handling=strict and a preference the gateway does not understand, or too many. */
    public static final String INVALID_PREFER = "GW400-prefer";
    /** Prefer: tx=rollback while gateway.allow-tx-rollback is off. */
    public static final String TX_ROLLBACK = "GW400-tx-rollback";
    /** An Accept-Profile or Content-Profile naming a schema outside gateway.exposed-schemas. */
    public static final String PROFILE = "GW406-profile";
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
    /** The gateway is shutting down: it takes no new call (another replica will). */
    public static final String SHUTTING_DOWN = "GW503-shutting-down";
    /** Postgres did not answer within the statement timeout plus its margin. */
    public static final String CALL_DEADLINE = "GW504-deadline";
    public static final String INTERNAL_ERROR = "GW500";
    /** A rate limit of gateway.rate-limit.* is used up for this caller. */
    public static final String RATE_LIMITED = "GW429-rate-limited";
    /** An Idempotency-Key header that is repeated, empty, longer than 255 characters or not ASCII. */
    public static final String IDEMPOTENCY_KEY = "GW400-idempotency-key";
    /** The call with this Idempotency-Key is still running. */
    public static final String IDEMPOTENCY_IN_FLIGHT = "GW409-idempotency-in-flight";
    /** This Idempotency-Key was first used with other arguments. */
    public static final String IDEMPOTENCY_MISMATCH = "GW422-idempotency-mismatch";
    /** The shared store (Redis) cannot be reached for a rate limit (redis-failure=deny) or an idempotent call. */
    public static final String STORE_UNAVAILABLE = "GW503-store-unavailable";

    /** A client sent a value for an argument that a {@code @bind} line fills from the token. */
    public static final String BOUND_ARGUMENT = "GW400-bound-argument";
    /** The verified token lacks the claim a {@code @bind} line fills an argument from. */
    public static final String BOUND_CLAIM_MISSING = "GW403-bound-claim";
    /** select= names something other than plain result columns, or is malformed. */
    public static final String SHAPE_SELECT = "GW400-select";
    /** A malformed filter, an unknown filter operator, or an operator the column's type cannot take. */
    public static final String SHAPE_FILTER = "GW400-filter";
    /** order= is malformed or names a column without a sort order. */
    public static final String SHAPE_ORDER = "GW400-order";
    /** select=, a filter or order= names a column the function's result does not have. */
    public static final String UNKNOWN_COLUMN = "GW400-unknown-column";
    /** A malformed Range header, Range-Unit, limit or offset. */
    public static final String SHAPE_RANGE = "GW400-range";
    /** A Range whose first row is after its last, or starts past the counted rows. */
    public static final String RANGE_NOT_SATISFIABLE = "GW416-range";
    /** application/vnd.pgrst.object+json asked for, and the result has not exactly one row. */
    public static final String SINGLE_OBJECT = "GW406-single-object";

    /** A foreign server the function reaches has its circuit breaker open (gateway.upstream.*.breaker.*). */
    public static final String UPSTREAM_OPEN = "GW503-upstream-open";
    /** A foreign server the function reaches has all its slots and queue places taken (gateway.upstream.*.max-*). */
    public static final String UPSTREAM_BUSY = "GW503-upstream-busy";

    private ErrorCode() {
    }
}
