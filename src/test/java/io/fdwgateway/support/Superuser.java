package io.fdwgateway.support;

import io.fdwgateway.dev.DevEnvironment;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Runs SQL on the reference database as a superuser, for fixtures that change the schema. */
public final class Superuser {

    private Superuser() {
    }

    public static void execute(String sql) {
        try (Connection c = connect(DevEnvironment.gatewayDatabaseAdminUrl()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

    /**
     * A superuser connection. The driver is used directly: DriverManager only hands out drivers
     * loaded by the caller's class loader, and Quarkus tests run in another loader than the one
     * that loaded the reference database.
     */
    public static Connection connect(String jdbcUrl) throws SQLException {
        Connection c = new org.postgresql.Driver().connect(jdbcUrl, new Properties());
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL");
        }
        return c;
    }
}
