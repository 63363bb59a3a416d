package io.fdwgateway.support;

import io.fdwgateway.config.GatewayConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * {@link GatewayConfig} built by SmallRye Config from these properties with Quarkus' converters,
 * as the gateway reads it at start, for tests of configuration-driven classes outside Quarkus.
 */
public final class TestConfig {

    private TestConfig() {
    }

    /** @throws RuntimeException as start-up would fail, naming the key, for a value that does not convert */
    public static GatewayConfig gateway(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
