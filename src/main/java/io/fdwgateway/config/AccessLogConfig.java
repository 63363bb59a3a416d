package io.fdwgateway.config;

import io.smallrye.config.WithDefault;

/**
 * The access log ({@code gateway.access-log.*}): one record per answered request under the
 * logger category {@code io.fdwgateway.access}, written when the answer has been sent.
 */
public interface AccessLogConfig {

    /** Whether the records are written at all (the metrics are kept either way). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How the verified subject ({@code sub}) appears in the {@code sub} field: {@code plain} as
     * the token has it, {@code hash} as the first 32 hex digits of its SHA-256 (the same subject
     * gives the same value, so one caller's calls can still be told apart), {@code omit} not at
     * all, for deployments where the subject is personal data.
     */
    @WithDefault("plain")
    Subject subject();

    /** The values of {@code gateway.access-log.subject}. */
    enum Subject {
        /** The {@code sub} claim as it is. */
        PLAIN,
        /** A SHA-256 digest of it: a pseudonym, not an anonymisation (a known subject can be hashed). */
        HASH,
        /** No {@code sub} field. */
        OMIT
    }
}
