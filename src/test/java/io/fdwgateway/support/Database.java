package io.fdwgateway.support;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.dev.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Superuser look-ups and locks on the reference database, for tests that check what a call did
 * (or did not do) in Postgres, or that hold a call in flight.
 */
public final class Database {

    private Database() {
    }

    /** The single number {@code sql} returns, with {@code parameters} bound in order. */
    public static long count(String sql, Object... parameters) {
        return countIn(DevEnvironment.gatewayDatabaseAdminUrl(), sql, parameters);
    }

    /** As {@link #count(String, Object...)}, on the database of this superuser JDBC URL. */
    public static long countIn(String adminUrl, String sql, Object... parameters) {
        try (Connection c = Jdbc.connect(adminUrl);
             PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("look-up failed: " + e.getMessage(), e);
        }
    }

    /**
     * Takes {@code lock table <table> in exclusive mode} in a transaction it keeps open until
     * {@link Lock#close()}: every call that writes the table waits, in flight, until then.
     */
    public static Lock lock(String table) {
        return lock(DevEnvironment.gatewayDatabaseAdminUrl(), table);
    }

    /** As {@link #lock(String)}, on the database of this superuser JDBC URL. */
    public static Lock lock(String adminUrl, String table) {
        try {
            Connection c = Jdbc.connect(adminUrl);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("lock table " + table + " in exclusive mode");
            }
            return new Lock(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock " + table + ": " + e.getMessage(), e);
        }
    }

    /** A table lock held open; closing it commits, and the waiting calls go on. */
    public static final class Lock implements AutoCloseable {
        private final Connection connection;

        private Lock(Connection connection) {
            this.connection = connection;
        }

        /** Calls of this database waiting for a lock right now. */
        public long waiters() {
            try (Statement st = connection.createStatement()) {
                // activity is snapshotted once per transaction, and this one stays open
                st.execute("select pg_stat_clear_snapshot()");
                try (ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity"
                        + " where wait_event_type = 'Lock' and datname = current_database()")) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try (connection) {
                connection.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
