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
        try (Connection c = Jdbc.connect(DevEnvironment.gatewayDatabaseAdminUrl()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

}
