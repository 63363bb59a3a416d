package io.fdwgateway.shape;

/**
 * The {@code Content-Range} of a shaped result, as PostgREST writes it: {@code first-last/total},
 * {@code *} for the total when it was not counted, and {@code *}{@code /total} when no row was sent.
 */
public final class ContentRange {

    private ContentRange() {
    }

    /**
     * @param offset the first row's position in the filtered result
     * @param rows   rows sent
     * @param total  rows counted, or null when not asked for
     */
    public static String of(long offset, long rows, Long total) {
        String of = total == null ? "*" : total.toString();
        return rows == 0 ? "*/" + of : offset + "-" + (offset + rows - 1) + "/" + of;
    }

    /** 206 when the count shows that rows were left out, else 200. */
    public static int status(long rows, Long total) {
        return total != null && rows < total ? 206 : 200;
    }
}
