package io.fdwgateway.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own pool (built by GatewayPoolCreator, with pipelining on): a call pipelines
 * its whole transaction on one leased connection, so a lease must be exclusive; a second
 * caller must wait for it, and give up after gateway.pool.acquire-timeout (1 s here, with a
 * pool of one).
 */
@QuarkusTest
@TestProfile(OneConnectionProfile.class)
class PoolLeaseTest {

    @Inject
    Pool pool;

    private static int backend(SqlConnection c) throws Exception {
        return c.query("select pg_backend_pid()").execute().toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS).iterator().next().getInteger(0);
    }

    @Test
    void leasedConnectionIsNotSharedAndWaitingTimesOut() throws Exception {
        SqlConnection first = pool.getConnection().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        int backend;
        try {
            backend = backend(first);
            long start = System.nanoTime();
            assertThrows(ExecutionException.class,
                    () -> pool.getConnection().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited >= 900 && waited < 6000, "waited " + waited + " ms");
        } finally {
            first.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        SqlConnection again = pool.getConnection().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        try {
            assertEquals(backend, backend(again), "a returned connection is reused");
        } finally {
            again.close();
        }
    }
}
