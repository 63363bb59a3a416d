package io.fdwgateway.shape;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import java.util.Locale;

/**
 * The rows a request asks for: the {@code limit} and {@code offset} query parameters and the
 * {@code Range} header ({@code Range: 0-9}, or {@code items=0-9}, with {@code Range-Unit: items}
 * or none). Both given: the rows both allow. Pure. A malformed value is a
 * {@code GW400-range}; a range whose first row is after its last is a 416 {@code GW416-range}.
 */
public final class RangeParser {

    /** Eighteen digits always fit a long; more is no row count anyone means. */
    private static final int MAX_DIGITS = 18;

    private RangeParser() {
    }

    /**
     * @param limit     the {@code limit} query parameter, or null
     * @param offset    the {@code offset} query parameter, or null
     * @param range     the {@code Range} header, or null
     * @param rangeUnit the {@code Range-Unit} header, or null
     */
    public static Window window(String limit, String offset, String range, String rangeUnit) {
        long first = offset == null ? 0 : number(offset, "offset");
        Long count = limit == null ? null : number(limit, "limit");
        Window query = new Window(first, count);
        if (range == null) {
            return query;
        }
        if (rangeUnit != null && !rangeUnit.strip().equalsIgnoreCase("items")) {
            throw bad("Range-Unit must be items.");
        }
        Window header = header(range);
        long start = Math.max(query.offset(), header.offset());
        Long end = minEnd(query, header);
        return new Window(start, end == null ? null : Math.max(0, end - start));
    }

    /** {@code a-b} or {@code a-} (optionally {@code items=a-b}): rows a to b, both included. */
    static Window header(String range) {
        String text = range.strip();
        if (text.toLowerCase(Locale.ROOT).startsWith("items=")) {
            text = text.substring("items=".length());
        }
        int dash = text.indexOf('-');
        if (dash <= 0) {
            throw bad("Range must be first-last or first- (e.g. Range: 0-9).");
        }
        long first = number(text.substring(0, dash), "Range");
        String last = text.substring(dash + 1);
        if (last.isEmpty()) {
            return new Window(first, null);
        }
        long lastRow = number(last, "Range");
        if (lastRow < first) {
            throw new GatewayException(new GatewayError.RangeNotSatisfiable(
                    "The Range's first row (" + first + ") is after its last (" + lastRow + ")."));
        }
        return new Window(first, lastRow - first + 1);
    }

    /** The exclusive end both windows allow, or null when neither ends. */
    private static Long minEnd(Window a, Window b) {
        Long endA = a.limit() == null ? null : a.offset() + a.limit();
        Long endB = b.limit() == null ? null : b.offset() + b.limit();
        if (endA == null) {
            return endB;
        }
        return endB == null ? endA : Math.min(endA, endB);
    }

    private static long number(String text, String what) {
        if (text.isEmpty() || text.length() > MAX_DIGITS) {
            throw bad(what + " must be a whole number from 0 to 999999999999999999.");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(what + " must be a whole number from 0 to 999999999999999999.");
            }
        }
        return Long.parseLong(text);
    }

    private static GatewayException bad(String detail) {
        return ShapeErrors.bad(ErrorCode.SHAPE_RANGE, detail);
    }
}
