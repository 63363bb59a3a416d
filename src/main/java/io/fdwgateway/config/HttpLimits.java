package io.fdwgateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The HTTP limits the gateway enforces itself, read from Quarkus' own keys. */
@Singleton
public class HttpLimits {

    private final long maxBodyBytes;

    public HttpLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "1M") MemorySize max) {
        this.maxBodyBytes = max.asLongValue();
    }

    /** {@code quarkus.http.limits.max-body-size} in bytes. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }
}
