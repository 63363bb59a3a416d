package io.fdwgateway.exec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.dev.DevEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A call pipelines its whole transaction on one leased connection, so a lease must be
 * exclusive even with pipelining on: a second call must never get the same connection.
 */
@QuarkusTest
class PoolLeaseTest {

    @Test
    void leasedConnectionIsNotSharedAndWaitingTimesOut() throws Exception {
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions()
                .setHost(System.getProperty(DevEnvironment.DB_HOST_PROPERTY))
                .setPort(Integer.parseInt(System.getProperty(DevEnvironment.DB_PORT_PROPERTY)))
                .setDatabase("fdw_gateway").setUser("authenticator")
                .setPipeliningLimit(256).setCachePreparedStatements(true);
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setConnectionTimeout(300)
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)).connectingTo(options).using(vertx).build();
        try {
            SqlConnection first = pool.getConnection().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            long start = System.nanoTime();
            assertThrows(ExecutionException.class,
                    () -> pool.getConnection().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited < 3000, "waited " + waited + " ms");
            first.close();
        } finally {
            pool.close();
            vertx.close();
        }
    }
}
