package io.fdwgateway.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads the reference database ({@code sql/}) into a Postgres server as a superuser:
 * roles, the "Stripe" database and the gateway's database, each created afresh.
 */
final class ReferenceDatabase {

    static final String GATEWAY_DB = "fdw_gateway";
    static final String STRIPE_DB = "stripe_api";

    private ReferenceDatabase() {
    }

    /** @param adminUrl JDBC URL of the server's maintenance database, as a superuser */
    static void load(String adminUrl, Path sqlDir) throws IOException, SQLException {
        try (Connection admin = Jdbc.connect(adminUrl); Statement st = admin.createStatement()) {
            for (String db : new String[] {GATEWAY_DB, STRIPE_DB}) {
                st.execute("drop database if exists " + db + " with (force)");
                st.execute("create database " + db);
            }
            st.execute(read(sqlDir.resolve("00-roles.sql")));
        }
        run(withDatabase(adminUrl, STRIPE_DB), sqlDir.resolve("10-stripe-api.sql"));
        run(withDatabase(adminUrl, GATEWAY_DB), sqlDir.resolve("20-gateway.sql"));
    }

    private static void run(String url, Path script) throws IOException, SQLException {
        try (Connection c = Jdbc.connect(url); Statement st = c.createStatement()) {
            st.execute(read(script));
        }
    }

    /** Swaps the database name in a jdbc:postgresql://host:port/db?params URL. */
    static String withDatabase(String jdbcUrl, String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("reference SQL not found: " + file.toAbsolutePath());
        }
        return Files.readString(file);
    }
}
