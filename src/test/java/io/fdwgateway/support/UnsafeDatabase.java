package io.fdwgateway.support;

import io.fdwgateway.dev.Jdbc;
import io.fdwgateway.dev.DevEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A deliberately unsafe database ({@code unsafe.sql}) on the same server as the reference
 * database, for tests of the posture audit. Created once per JVM.
 */
public final class UnsafeDatabase {

    public static final String NAME = "fdw_unsafe";
    /** Login role of the unsafe database: a superuser, which the audit must report. */
    public static final String LOGIN = "unsafe_login";
    public static final List<String> API_ROLES = List.of("unsafe_api", "unsafe_api_bypass", "unsafe_api_creator");

    private static boolean created;

    private UnsafeDatabase() {
    }

    public static synchronized void ensureCreated() {
        if (created) {
            return;
        }
        String gatewayDb = DevEnvironment.gatewayDatabaseAdminUrl();
        try (Connection c = Jdbc.connect(gatewayDb); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + NAME + " with (force)");
            st.execute("create database " + NAME);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + NAME + ": " + e.getMessage(), e);
        }
        try (Connection c = Jdbc.connect(gatewayDb.replace("/fdw_gateway", "/" + NAME));
             Statement st = c.createStatement()) {
            st.execute(script());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load unsafe.sql: " + e.getMessage(), e);
        }
        created = true;
    }

    /** postgresql:// URL of a database on the embedded server, for the reactive client. */
    public static String reactiveUrl(String database) {
        return "postgresql://" + System.getProperty(DevEnvironment.DB_HOST_PROPERTY) + ":"
                + System.getProperty(DevEnvironment.DB_PORT_PROPERTY) + "/" + database;
    }

    private static String script() {
        try (InputStream in = UnsafeDatabase.class.getResourceAsStream("/unsafe.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
