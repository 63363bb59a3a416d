package io.fdwgateway.config;

import io.smallrye.config.WithDefault;

/** Who sees which functions in the OpenAPI document and Swagger UI ({@code gateway.openapi.*}). */
public interface OpenApiConfig {

    /**
     * {@code follow-privileges}: {@code /q/openapi} describes only the functions the caller's
     * role may EXECUTE (the role is resolved from the token exactly as for {@code /rpc}; no token
     * is the anonymous role, or 401 when anonymous calls are off). {@code all}: every served
     * function, to anyone. {@code disabled}: the document and Swagger UI answer 404.
     */
    @WithDefault("follow-privileges")
    Mode mode();

    /** The values of {@code gateway.openapi.mode}. */
    enum Mode {
        /** Each caller sees what its role may call. */
        FOLLOW_PRIVILEGES,
        /** Everyone sees every served function. */
        ALL,
        /** No document, no Swagger UI. */
        DISABLED
    }
}
