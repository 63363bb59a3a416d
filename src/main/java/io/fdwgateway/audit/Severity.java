package io.fdwgateway.audit;

/** How bad a finding is. {@link #ERROR} fails the {@code audit} command (exit code 1). */
public enum Severity {
    /** The database exposes something it must not; a deploy should stop. */
    ERROR,
    /** Probably unintended and worth fixing, but not exposing data by itself. */
    WARNING,
    /** Worth knowing, nothing to fix (e.g. what the gateway does not serve, and why). */
    INFO
}
