package io.fdwgateway.dev;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections with the Postgres driver directly: DriverManager only sees drivers
 * of the class loader that registered them, which dev mode's and tests' loaders are not.
 */
public final class Jdbc {

    private Jdbc() {
    }

    public static Connection connect(String url) throws SQLException {
        Connection c = new org.postgresql.Driver().connect(url, new Properties());
        if (c == null) {
            throw new SQLException("not a Postgres JDBC URL");
        }
        return c;
    }
}
