package io.fdwgateway.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One {@code REPEATABLE READ, READ ONLY} transaction: every query in it reads pg_catalog as of
 * one snapshot, so what the posture audit checked is exactly what is read next to it.
 *
 * <p>Without JIT compilation: with a few thousand functions the planner's estimates for the
 * catalog queries pass {@code jit_above_cost}, and compiling them took Postgres 15 one to two
 * seconds per query, several times what running them takes (exposed-functions.sql at 2,000
 * functions: 2.2 s with JIT, 0.24 s without).
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
        String begin = "begin isolation level repeatable read, read only; set local jit = off;"
                + " set local statement_timeout = " + Math.max(1, timeout.toMillis());
        return conn.query(begin).execute()
                .compose(started -> work.get())
                .compose(result -> conn.query("commit").execute().map(result));
    }
}
