package io.fdwgateway.error;

import java.util.Map;
import java.util.Optional;

/**
 * Every way a call can fail, as a closed set. Each stage of the pipeline returns a value or
 * one of these; {@link ProblemRenderer} is the only place that turns them into HTTP.
 *
 * <p>{@link #detail()} is always safe to show a client: it never holds SQL text, stack
 * traces, connection details or a value the client did not send.
 */
public sealed interface GatewayError
        permits GatewayError.NotFound,
                GatewayError.MethodNotAllowed,
                GatewayError.BadRequest,
                GatewayError.UnsupportedMediaType,
                GatewayError.NotAcceptable,
                GatewayError.UnknownProfile,
                GatewayError.RangeNotSatisfiable,
                GatewayError.PayloadTooLarge,
                GatewayError.Unauthorized,
                GatewayError.Forbidden,
                GatewayError.Database,
                GatewayError.Raised,
                GatewayError.Unavailable,
                GatewayError.IdentityProviderUnavailable,
                GatewayError.ResponseTooLarge,
                GatewayError.Deadline,
                GatewayError.Internal,
                GatewayError.TooManyRequests,
                GatewayError.IdempotencyInFlight,
                GatewayError.IdempotencyMismatch,
                GatewayError.StoreUnavailable,
                GatewayError.UpstreamOpen,
                GatewayError.UpstreamBusy {

    /** Seconds a client should wait before retrying a 503. */
    String RETRY_AFTER_SECONDS = "5";

    int status();

    /** SQLSTATE for database errors, else a stable gateway code from {@link ErrorCode}. */
    String code();

    String title();

    String detail();

    /** Hint from Postgres (or from the gateway) when there is one; else null. */
    default String hint() {
        return null;
    }

    /** PostgREST's {@code details}: more about the error, when its author gave any; else null. */
    default String details() {
        return null;
    }

    /** Response headers the status requires (Allow, WWW-Authenticate, Retry-After). */
    default Map<String, String> headers() {
        return Map.of();
    }

    /** Why authentication or role resolution refused the caller; empty for every other error. */
    default Optional<AuthFailure> authFailure() {
        return Optional.empty();
    }

    /** Unknown function, or one that is not served: always the same answer. */
    record NotFound() implements GatewayError {
        public int status() { return 404; }
        public String code() { return ErrorCode.FUNCTION_NOT_FOUND; }
        public String title() { return "Not Found"; }
        public String detail() { return "No such function is served at this path."; }
    }

    /**
     * Verb not allowed for this function: GET on a VOLATILE one, PUT/PATCH/DELETE, or a
     * read-only function that tried to write (SQLSTATE 25006).
     *
     * @param allow the verbs the function accepts, for the {@code Allow} header
     */
    record MethodNotAllowed(String code, String detail, String allow) implements GatewayError {
        public MethodNotAllowed(String allow) {
            this(ErrorCode.METHOD_NOT_ALLOWED, "This function accepts: " + allow + ".", allow);
        }

        public int status() { return 405; }
        public String title() { return "Method Not Allowed"; }
        public Map<String, String> headers() { return Map.of("Allow", allow); }
    }

    /** The client sent something the gateway can tell is wrong before calling Postgres. */
    record BadRequest(String code, String detail) implements GatewayError {
        public int status() { return 400; }
        public String title() { return "Bad Request"; }
    }

    record UnsupportedMediaType(String detail) implements GatewayError {
        public int status() { return 415; }
        public String code() { return ErrorCode.UNSUPPORTED_MEDIA_TYPE; }
        public String title() { return "Unsupported Media Type"; }
    }

    /** The client wants a representation other than JSON (PostgREST's object, CSV, plan …). */
    record NotAcceptable(String code, String detail) implements GatewayError {
        public NotAcceptable() {
            this(ErrorCode.NOT_ACCEPTABLE, "This result is available as application/json, as"
                    + " application/vnd.pgrst.object+json, as text/csv for set-returning functions and as text/plain"
                    + " for functions returning text.");
        }
        public int status() { return 406; }
        public String title() { return "Not Acceptable"; }
    }

    /**
     * A {@code Range} no row can satisfy.
     *
     * @param contentRange the {@code Content-Range} to answer with ({@code *}/total), or null
     */
    record RangeNotSatisfiable(String detail, String contentRange) implements GatewayError {
        public RangeNotSatisfiable(String detail) {
            this(detail, null);
        }
        public int status() { return 416; }
        public String code() { return ErrorCode.RANGE_NOT_SATISFIABLE; }
        public String title() { return "Range Not Satisfiable"; }
        public Map<String, String> headers() {
            return contentRange == null ? Map.of() : Map.of("Content-Range", contentRange);
        }
    }

    /**
     * An {@code Accept-Profile} or {@code Content-Profile} naming a schema outside
     * {@code gateway.exposed-schemas} (PostgREST answers 406 too, and names the schemas).
     *
     * @param exposed the schemas a profile may name
     */
    record UnknownProfile(java.util.List<String> exposed) implements GatewayError {
        public int status() { return 406; }
        public String code() { return ErrorCode.PROFILE; }
        public String title() { return "Not Acceptable"; }
        public String detail() {
            // the names are the operator's, yet a detail stays printable whatever they hold
            return "The schema must be one of the following: "
                    + String.join(", ", exposed).replaceAll("\\p{Cntrl}", "?") + ".";
        }
    }

    record PayloadTooLarge() implements GatewayError {
        public int status() { return 413; }
        public String code() { return ErrorCode.BODY_TOO_LARGE; }
        public String title() { return "Payload Too Large"; }
        public String detail() { return "The request body is larger than this gateway accepts."; }
    }

    /**
     * No usable credentials: a missing token where anonymous access is off, or a bad token.
     *
     * @param reason why, when authentication refused the caller; null for a 401 that is not an
     *               authentication failure (an anonymous caller refused by Postgres)
     */
    record Unauthorized(String code, String detail, boolean invalidToken, AuthFailure reason) implements GatewayError {
        public Unauthorized(String code, String detail, boolean invalidToken) {
            this(code, detail, invalidToken, null);
        }
        public int status() { return 401; }
        public String title() { return "Unauthorized"; }
        public Map<String, String> headers() {
            return Map.of("WWW-Authenticate", invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        public Optional<AuthFailure> authFailure() { return Optional.ofNullable(reason); }
    }

    /** @param reason why, when role resolution refused the caller; else null */
    record Forbidden(String code, String detail, AuthFailure reason) implements GatewayError {
        public Forbidden(String code, String detail) {
            this(code, detail, null);
        }
        public int status() { return 403; }
        public String title() { return "Forbidden"; }
        public Optional<AuthFailure> authFailure() { return Optional.ofNullable(reason); }
    }

    /** Postgres answered with an error that has no type of its own; row of {@link SqlStateTable}. */
    record Database(int status, String code, String title, String detail, String hint) implements GatewayError {
    }

    /**
     * A function's {@code RAISE SQLSTATE 'PGRST'}: status, code, message, details, hint and
     * headers chosen by the function's author, answered as they are (headers that would break
     * the answer's framing already left out).
     */
    record Raised(int status, String code, String detail, String details, String hint, Map<String, String> headers)
            implements GatewayError {
        public String title() {
            return io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
        }
    }

    /**
     * Try again later: the database cannot be reached, the pool is exhausted ({@code GW503}),
     * or Postgres said it is busy or going away (its SQLSTATE as the code).
     */
    record Unavailable(String code, String detail) implements GatewayError {
        public Unavailable(String detail) {
            this(ErrorCode.DATABASE_UNAVAILABLE, detail);
        }

        public int status() { return 503; }
        public String title() { return "Service Unavailable"; }
        public Map<String, String> headers() { return Map.of("Retry-After", RETRY_AFTER_SECONDS); }
    }

    /**
     * A bearer token cannot be checked because the identity provider's discovery document or
     * key set cannot be fetched: not the client's fault, and not proof the token is bad.
     */
    record IdentityProviderUnavailable() implements GatewayError {
        public int status() { return 503; }
        public String code() { return ErrorCode.IDP_UNAVAILABLE; }
        public String title() { return "Service Unavailable"; }
        public String detail() { return "The identity provider cannot be reached to check the bearer token; retry later."; }
        public Map<String, String> headers() { return Map.of("Retry-After", RETRY_AFTER_SECONDS); }
        public Optional<AuthFailure> authFailure() { return Optional.of(AuthFailure.IDP_UNAVAILABLE); }
    }

    /** The function's result is larger than {@code gateway.max-response-bytes}; it was never sent. */
    record ResponseTooLarge(long limit) implements GatewayError {
        public int status() { return 502; }
        public String code() { return ErrorCode.RESPONSE_TOO_LARGE; }
        public String title() { return "Bad Gateway"; }
        public String detail() {
            return "The function's result is larger than this gateway returns (" + limit + " bytes); ask for less.";
        }
    }

    /**
     * Postgres did not answer within the statement timeout plus its margin: the call was
     * cancelled and its connection closed.
     */
    record Deadline() implements GatewayError {
        public int status() { return 504; }
        public String code() { return ErrorCode.CALL_DEADLINE; }
        public String title() { return "Gateway Timeout"; }
        public String detail() { return "The database did not answer in time; the call was cancelled."; }
    }

    /**
     * A rate limit is used up: nothing reached Postgres.
     *
     * @param headers {@code Retry-After} and the {@code RateLimit-Policy} / {@code RateLimit} fields
     */
    record TooManyRequests(Map<String, String> headers) implements GatewayError {
        public int status() { return 429; }
        public String code() { return ErrorCode.RATE_LIMITED; }
        public String title() { return "Too Many Requests"; }
        public String detail() { return "This caller's rate limit is used up; retry after the number of seconds in Retry-After."; }
    }

    /** A repeat of an Idempotency-Key whose first call has not answered yet. */
    record IdempotencyInFlight() implements GatewayError {
        public int status() { return 409; }
        public String code() { return ErrorCode.IDEMPOTENCY_IN_FLIGHT; }
        public String title() { return "Conflict"; }
        public String detail() { return "A call with this Idempotency-Key is still running; retry once it has answered."; }
    }

    /** An Idempotency-Key used again with other arguments (or under another role). */
    record IdempotencyMismatch() implements GatewayError {
        public int status() { return 422; }
        public String code() { return ErrorCode.IDEMPOTENCY_MISMATCH; }
        public String title() { return "Unprocessable Content"; }
        public String detail() {
            return "This Idempotency-Key was first used with other arguments; use a new key for a new call.";
        }
    }

    /** The shared store (Redis) that a rate limit or an idempotent call needs cannot be reached. */
    record StoreUnavailable(String detail) implements GatewayError {
        public int status() { return 503; }
        public String code() { return ErrorCode.STORE_UNAVAILABLE; }
        public String title() { return "Service Unavailable"; }
        public Map<String, String> headers() { return Map.of("Retry-After", RETRY_AFTER_SECONDS); }
    }

    /** A fault of the gateway or the database that the client cannot fix; details are logged. */
    record Internal() implements GatewayError {
        public int status() { return 500; }
        public String code() { return ErrorCode.INTERNAL_ERROR; }
        public String title() { return "Internal Server Error"; }
        public String detail() { return "The gateway could not complete the call; the log holds the details under this request id."; }
    }

    /**
     * A foreign server the function reaches failed repeatedly: its breaker is open and the call
     * did no database work. The server's name is not told (it is the database's internals).
     *
     * @param retryAfterSeconds until the breaker lets a trial call through
     */
    record UpstreamOpen(long retryAfterSeconds) implements GatewayError {
        public int status() { return 503; }
        public String code() { return ErrorCode.UPSTREAM_OPEN; }
        public String title() { return "Service Unavailable"; }
        public String detail() { return "An upstream service this function uses is failing; the call was not attempted. Retry after the number of seconds in Retry-After."; }
        public Map<String, String> headers() { return Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))); }
    }

    /** Every slot and queue place of a foreign server the function reaches is taken: refused at once. */
    record UpstreamBusy() implements GatewayError {
        public int status() { return 503; }
        public String code() { return ErrorCode.UPSTREAM_BUSY; }
        public String title() { return "Service Unavailable"; }
        public String detail() { return "An upstream service this function uses has as many calls as it may take; retry shortly."; }
        public Map<String, String> headers() { return Map.of("Retry-After", "1"); }
    }
}
