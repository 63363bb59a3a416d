package io.fdwgateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What the deployment files must agree with, read from the application's own configuration
 * (src/main/resources/application.properties, production profile), with Quarkus' defaults for
 * keys it does not set.
 */
record AppSettings(Properties properties) {

    static AppSettings load() {
        try {
            return new AppSettings(Manifests.properties(
                    Files.readString(Path.of("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String key, String defaultValue) {
        String prod = properties.getProperty("%prod." + key);
        return prod != null ? prod : properties.getProperty(key, defaultValue);
    }

    int httpPort() {
        return Integer.parseInt(get("quarkus.http.port", "8080"));
    }

    boolean managementEnabled() {
        return Boolean.parseBoolean(get("quarkus.management.enabled", "false"));
    }

    /** Where health and metrics are served: the management port when enabled, else the HTTP port. */
    int managementPort() {
        return managementEnabled() ? Integer.parseInt(get("quarkus.management.port", "9000")) : httpPort();
    }

    /** e.g. /q/health/ready for "ready" */
    String healthPath(String kind) {
        return nonApplicationRoot() + "/" + trim(get("quarkus.smallrye-health.root-path", "health")) + "/" + kind;
    }

    String metricsPath() {
        return nonApplicationRoot() + "/" + trim(get("quarkus.micrometer.export.prometheus.path", "metrics"));
    }

    private String nonApplicationRoot() {
        String root = managementEnabled() ? trim(get("quarkus.management.root-path", "/")) : "";
        String nonApp = trim(get("quarkus.http.non-application-root-path", "q"));
        return (root.isEmpty() ? "" : "/" + root) + "/" + nonApp;
    }

    /** quarkus.shutdown.timeout: how long in-flight requests may take to finish after SIGTERM. */
    Optional<Duration> shutdownTimeout() {
        String value = get("quarkus.shutdown.timeout", null);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Optional.of(Duration.parse(v.toUpperCase(Locale.ROOT)));
        }
        if (v.matches("\\d+")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        if (v.endsWith("ms")) {
            return Optional.of(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return Optional.of(switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("quarkus.shutdown.timeout: " + value);
        });
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
