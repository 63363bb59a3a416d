package io.fdwgateway.config;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Options for the gateway's own connections outside the request pool (the catalog load, the
 * LISTEN connection, the audit command), read from the same {@code quarkus.datasource.*} keys
 * the pool is built from: the first URL, username and password, and the TLS keys
 * {@code reactive.postgresql.ssl-mode}, {@code reactive.trust-all},
 * {@code reactive.trust-certificate-pem.certs} and {@code reactive.hostname-verification-algorithm}.
 */
@Singleton
public class DatabaseConnectOptions {

    private final Optional<String> url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Optional<String> sslMode;
    private final boolean trustAll;
    private final Optional<List<String>> trustCertificates;
    private final Optional<String> hostnameVerification;

    public DatabaseConnectOptions(
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<List<String>> urls,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode") Optional<String> sslMode,
            @ConfigProperty(name = "quarkus.datasource.reactive.trust-all", defaultValue = "false") boolean trustAll,
            @ConfigProperty(name = "quarkus.datasource.reactive.trust-certificate-pem.certs") Optional<List<String>> trustCertificates,
            @ConfigProperty(name = "quarkus.datasource.reactive.hostname-verification-algorithm") Optional<String> hostnameVerification) {
        this.url = urls.flatMap(list -> list.stream().filter(u -> !u.isBlank()).findFirst());
        this.username = username;
        this.password = password;
        this.sslMode = sslMode;
        this.trustAll = trustAll;
        this.trustCertificates = trustCertificates;
        this.hostnameVerification = hostnameVerification;
    }

    /** Whether a database URL is configured at all. */
    public boolean configured() {
        return url.isPresent();
    }

    /**
     * Fresh options for one dedicated connection.
     *
     * @param applicationName shown in {@code pg_stat_activity}, so operators can tell the
     *                        gateway's own connections from the pool's
     * @param connectTimeout  longest wait for the connection to be established
     * @throws IllegalStateException when no database URL is configured
     */
    public PgConnectOptions options(String applicationName, Duration connectTimeout) {
        String uri = url.orElseThrow(() -> new IllegalStateException(
                "no database configured: set quarkus.datasource.reactive.url (QUARKUS_DATASOURCE_REACTIVE_URL)"));
        PgConnectOptions options = PgConnectOptions.fromUri(uri.startsWith("vertx-reactive:")
                ? uri.substring("vertx-reactive:".length()) : uri);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        sslMode.ifPresent(mode -> options.setSslMode(SslMode.of(mode.toLowerCase(Locale.ROOT))));
        options.setTrustAll(trustAll);
        trustCertificates.filter(certs -> !certs.isEmpty()).ifPresent(certs -> {
            PemTrustOptions trust = new PemTrustOptions();
            certs.forEach(trust::addCertPath);
            options.setPemTrustOptions(trust);
        });
        hostnameVerification.filter(h -> !"NONE".equalsIgnoreCase(h)).ifPresent(options::setHostnameVerificationAlgorithm);
        options.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        // a LISTEN connection is idle for hours: let the kernel notice a peer that vanished
        options.setTcpKeepAlive(true);
        options.addProperty("application_name", applicationName);
        return options;
    }
}
