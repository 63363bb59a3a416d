package io.fdwgateway.support;

import io.fdwgateway.dev.DevEnvironment;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;

/**
 * A second embedded Postgres with the reference database, for tests that break their
 * database. The running instance is kept in the system properties table, which every class
 * loader shares, so the test class can stop it.
 */
public class OwnDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private static final String KEY = "fdw-gateway.test.own-database";

    @Override
    public Map<String, String> start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            System.getProperties().put(KEY, postgres);
            System.setProperty(KEY + ".port", Integer.toString(postgres.getPort()));
            DevEnvironment.loadReferenceDatabase(
                    "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres", Path.of("sql"));
            return Map.of("quarkus.datasource.reactive.url",
                    "postgresql://127.0.0.1:" + postgres.getPort() + "/fdw_gateway");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Superuser JDBC URL of this database's reference database, for fixtures. */
    public static String gatewayDatabaseAdminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + System.getProperty(KEY + ".port") + "/fdw_gateway?user=postgres";
    }

    /** Stops the database (idempotent). */
    public static void stopDatabase() {
        Object postgres = System.getProperties().remove(KEY);
        if (postgres instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void stop() {
        stopDatabase();
    }
}
