package io.fdwgateway.support;

import io.fdwgateway.dev.DevEnvironment;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A second embedded Postgres with the reference database, for tests that break their
 * database: stop it, or restart it on the same port with the same data. The running instance
 * is kept in the system properties table, which every class loader shares, so the test class
 * can reach it.
 */
public class OwnDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private static final String KEY = "fdw-gateway.test.own-database";
    private static final String DIR_KEY = KEY + ".dir";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("fdw-gateway-own-db");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                    .start();
            System.getProperties().put(KEY, postgres);
            System.getProperties().put(DIR_KEY, dir);
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

    /** Stops the database, keeping its data (idempotent). */
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

    /** Starts the stopped database again, on the same port, with the same data. */
    public static void startDatabase() {
        if (System.getProperties().get(KEY) != null) {
            return;
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory((Path) System.getProperties().get(DIR_KEY))
                    .setCleanDataDirectory(false).setPort(Integer.parseInt(System.getProperty(KEY + ".port"))).start();
            System.getProperties().put(KEY, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        stopDatabase();
        Object dir = System.getProperties().remove(DIR_KEY);
        if (dir instanceof Path path && Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
