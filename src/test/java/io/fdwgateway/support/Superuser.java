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
        String url = DevEnvironment.gatewayDatabaseAdminUrl();
        // The driver directly, not DriverManager: under @QuarkusTest the test runs in another
        // class loader than the one that registered the driver, and DriverManager refuses it.
        try (Connection c = new org.postgresql.Driver().connect(url, new Properties());
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }
}
