package io.fdwgateway.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One {@code REPEATABLE READ, READ ONLY} transaction: every query in it reads pg_catalog as of
 * one snapshot, so what the posture audit checked is exactly what is read next to it.
 */
public final class Snapshot {

    private Snapshot() {
    }

    /**
     * Runs {@code work} on {@code conn} inside one snapshot transaction, whose statements may run
     * at most {@code timeout} each; commits when it succeeds. On failure the caller closes the
     * connection, which ends the transaction.
     */
    public static <T> Future<T> run(SqlConnection conn, Duration timeout, Supplier<Future<T>> work) {
        String begin = "begin isolation level repeatable read, read only; set local statement_timeout = "
                + Math.max(1, timeout.toMillis());
        return conn.query(begin).execute()
                .compose(started -> work.get())
                .compose(result -> conn.query("commit").execute().map(result));
    }
}
