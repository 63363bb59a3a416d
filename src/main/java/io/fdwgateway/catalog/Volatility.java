package io.fdwgateway.catalog;

/** Function volatility; it decides GET support and READ ONLY transactions. */
public enum Volatility {
    IMMUTABLE, STABLE, VOLATILE;

    public boolean readOnly() {
        return this != VOLATILE;
    }

    /** From pg_proc.provolatile: i, s or v. */
    public static Volatility fromCatalog(String provolatile) {
        return switch (provolatile) {
            case "i" -> IMMUTABLE;
            case "s" -> STABLE;
            default -> VOLATILE;
        };
    }
}
