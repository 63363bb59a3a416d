package io.fdwgateway.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One {@code REPEATABLE READ, READ ONLY} transaction: every query in it reads pg_catalog as of
 * one snapshot, so what the posture audit checked is exactly what is read next to it. The
 * snapshot may be shared with a second connection ({@link #export}, {@link #importInto}), so
 * that two connections read the identical state side by side.
 *
 * <p>Without JIT compilation: with a few thousand functions the planner's estimates for the
 * catalog queries pass {@code jit_above_cost}, and compiling them took Postgres 15 one to two
 * seconds per query, several times what running them takes (exposed-functions.sql at 2,000
 * functions: 2.2 s with JIT, 0.24 s without).
 */
public final class Snapshot {

    /** What pg_export_snapshot() answers (hex words joined by dashes, e.g. 00000003-0000001B-1). */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)*");

    private Snapshot() {
    }

    /**
     * Runs {@code work} on {@code conn} inside one snapshot transaction, whose statements may run
     * at most {@code timeout} each; commits when it succeeds. On failure the caller closes the
     * connection, which ends the transaction.
     */
    public static <T> Future<T> run(SqlConnection conn, Duration timeout, Supplier<Future<T>> work) {
        return conn.query(begin(timeout)).execute()
                .compose(started -> work.get())
                .compose(result -> commit(conn).map(result));
    }

    /**
     * Starts a snapshot transaction on {@code conn} and exports its snapshot: answers the id that
     * {@link #importInto} takes. The snapshot can be imported only while this transaction is open:
     * {@link #commit} it once every importer has imported. On failure the caller closes the
     * connection.
     */
    public static Future<String> export(SqlConnection conn, Duration timeout) {
        return conn.query(begin(timeout)).execute()
                .compose(started -> conn.query("select pg_catalog.pg_export_snapshot()").execute())
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getString(0);
                });
    }

    /**
     * Starts a snapshot transaction on {@code conn} that reads the snapshot {@link #export}ed by
     * another connection, the exporter's transaction still open. Fails when that snapshot is gone.
     */
    public static Future<Void> importInto(SqlConnection conn, String snapshotId, Duration timeout) {
        if (snapshotId == null || !SNAPSHOT_ID.matcher(snapshotId).matches()) {
            // it comes from Postgres, but it is written into SQL text: only ever its known shape
            return Future.failedFuture(new IllegalArgumentException("not a snapshot id"));
        }
        // SET TRANSACTION SNAPSHOT must come first in the transaction, before any query
        String begin = "begin isolation level repeatable read, read only; set transaction snapshot '" + snapshotId
                + "'; set local jit = off; set local statement_timeout = " + Math.max(1, timeout.toMillis());
        return conn.query(begin).execute().mapEmpty();
    }

    /** Ends the snapshot transaction on {@code conn}. */
    public static Future<Void> commit(SqlConnection conn) {
        return conn.query("commit").execute().mapEmpty();
    }

    private static String begin(Duration timeout) {
        return "begin isolation level repeatable read, read only; set local jit = off;"
                + " set local statement_timeout = " + Math.max(1, timeout.toMillis());
    }
}
