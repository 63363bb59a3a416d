package io.fdwgateway.dev;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the database and issuer settings of the embedded default before Quarkus needs
 * them. Active only in the dev and test profiles and only while {@code gateway.dev.embedded}
 * is true; anything configured explicitly (environment, system properties) still wins, as
 * this source ranks below them. The production build packages none of this package (see
 * pom.xml), so no profile or key can start it there.
 */
public class DevConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!devOrTest || !Boolean.parseBoolean(value(context, "gateway.dev.embedded", "false"))) {
            return List.of();
        }
        DevEnvironment.Settings settings = new DevEnvironment.Settings(
                value(context, "gateway.dev.admin-jdbc-url", ""),
                Integer.parseInt(value(context, "gateway.dev.database-port", "0")),
                Integer.parseInt(value(context, "gateway.dev.issuer-port", "0")),
                Path.of(value(context, "gateway.dev.sql-dir", "sql")));
        // the first call (Quarkus' build step) starts the environment; the next (the runtime
        // configuration, before anything connects) waits until it is ready
        Map<String, String> config = DevEnvironment.starting()
                ? DevEnvironment.ensureStarted(settings)
                : DevEnvironment.startInBackground(settings);
        return List.of(new PropertiesConfigSource(config, "fdw-gateway embedded default", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null ? fallback : v.getValue();
    }
}
