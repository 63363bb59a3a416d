package io.fdwgateway.support;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.dev.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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
        return Jdbc.connect(jdbcUrl);
    }
}
