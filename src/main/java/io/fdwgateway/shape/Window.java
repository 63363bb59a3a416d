package io.fdwgateway.shape;

/**
 * The rows of a result to return: skip {@code offset}, then at most {@code limit}.
 *
 * @param limit null for no limit
 */
public record Window(long offset, Long limit) {

    public static final Window ALL = new Window(0, null);

    /** This window with at most {@code maxRows} rows. */
    public Window capped(long maxRows) {
        return limit != null && limit <= maxRows ? this : new Window(offset, maxRows);
    }

    public boolean isAll() {
        return offset == 0 && limit == null;
    }
}
