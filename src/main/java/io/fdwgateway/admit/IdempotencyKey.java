package io.fdwgateway.admit;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} request header (draft-ietf-httpapi-idempotency-key-header): a
 * Structured Field string ({@code "8e03978e-…"}), or the same text unquoted as Stripe's clients
 * send it. The key is the client's: it is only ever hashed, never logged or stored as it is.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    /** Longest key accepted, in characters (Stripe's bound). */
    public static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /**
     * @param values every {@code Idempotency-Key} field of the request
     * @return the key, or empty when the request has none
     * @throws GatewayException 400 {@code GW400-idempotency-key} for a repeated, empty, too long or non-ASCII key
     */
    public static Optional<String> parse(List<String> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw bad("Send one Idempotency-Key header, not " + values.size() + ".");
        }
        String key = unquote(values.get(0).strip());
        if (key.isEmpty()) {
            throw bad("The Idempotency-Key is empty.");
        }
        if (key.length() > MAX_LENGTH) {
            throw bad("The Idempotency-Key is longer than " + MAX_LENGTH + " characters.");
        }
        return Optional.of(key);
    }

    /** sf-string (RFC 8941 3.3.3) when quoted, else visible ASCII without quotes. */
    private static String unquote(String value) {
        if (value.startsWith("\"")) {
            StringBuilder key = new StringBuilder(value.length());
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() && (value.charAt(i + 1) == '"' || value.charAt(i + 1) == '\\')) {
                    key.append(value.charAt(++i));
                } else if (c == '"') {
                    if (i != value.length() - 1) {
                        break;
                    }
                    return key.toString();
                } else if (c >= 0x20 && c <= 0x7e && c != '\\') {
                    key.append(c);
                } else {
                    break;
                }
            }
            throw bad("The Idempotency-Key is not a valid string: printable ASCII in double quotes, "
                    + "with \\\" and \\\\ as the only escapes.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"') {
                throw bad("The Idempotency-Key must be printable ASCII, such as a UUID.");
            }
        }
        return value;
    }

    private static GatewayException bad(String detail) {
        return new GatewayException(new GatewayError.BadRequest(ErrorCode.IDEMPOTENCY_KEY, detail));
    }
}
