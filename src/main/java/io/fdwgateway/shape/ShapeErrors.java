package io.fdwgateway.shape;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;

/** The 400s (and the 416) of result shaping; messages echo client text only in printable, bounded form. */
final class ShapeErrors {

    private ShapeErrors() {
    }

    static GatewayException filter(String detail) {
        return bad(ErrorCode.SHAPE_FILTER, detail);
    }

    static GatewayException bad(String code, String detail) {
        return new GatewayException(new GatewayError.BadRequest(code, detail));
    }

    /** Client text in a message: control characters replaced, at most 64 characters. */
    static String printable(String text) {
        String cleaned = text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
