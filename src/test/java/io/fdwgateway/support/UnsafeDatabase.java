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
        create(NAME, "/unsafe.sql");
        created = true;
    }

    /**
     * (Re)creates database {@code name} on the embedded server and loads the test resource
     * {@code script} into it as a superuser.
     */
    public static synchronized void create(String name, String script) {
        String gatewayDb = DevEnvironment.gatewayDatabaseAdminUrl();
        try (Connection c = Jdbc.connect(gatewayDb); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + name + ": " + e.getMessage(), e);
        }
        try (Connection c = Jdbc.connect(gatewayDb.replace("/fdw_gateway", "/" + name));
             Statement st = c.createStatement()) {
            st.execute(script(script));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load " + script + ": " + e.getMessage(), e);
        }
    }

    /** postgresql:// URL of a database on the embedded server, for the reactive client. */
    public static String reactiveUrl(String database) {
        return "postgresql://" + System.getProperty(DevEnvironment.DB_HOST_PROPERTY) + ":"
                + System.getProperty(DevEnvironment.DB_PORT_PROPERTY) + "/" + database;
    }

    private static String script(String resource) {
        try (InputStream in = UnsafeDatabase.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
