package io.fdwgateway.support;

import io.fdwgateway.dev.DevEnvironment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs SQL on the reference database as a superuser, for fixtures that change the schema. */
public final class Superuser {

    private Superuser() {
    }

    public static void execute(String sql) {
        String url = DevEnvironment.gatewayDatabaseAdminUrl();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }
}
