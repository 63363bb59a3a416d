package io.fdwgateway.exec;

import io.fdwgateway.config.GatewayConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Builds the pool from the {@code quarkus.datasource.reactive.*} settings, adding what the
 * hot path needs: prepared statements cached per connection, pipelining (a call's
 * statements go out together, in one socket write: see {@link PooledSockets#consolidateFlushes}),
 * a bounded wait for a connection so an overloaded gateway answers 503 instead of queueing
 * forever, and whole protocol messages for the client's decoder ({@link WholeMessages}).
 */
@ApplicationScoped
public class GatewayPoolCreator implements PgPoolCreator {

    private static final Logger LOG = Logger.getLogger(GatewayPoolCreator.class);

    private final GatewayConfig config;
    private volatile PgConnectOptions connectOptions;

    public GatewayPoolCreator(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> servers = input.pgConnectOptionsList();
        servers.forEach(o -> o.setCachePreparedStatements(true).setPipeliningLimit(Math.max(o.getPipeliningLimit(), 16)));
        connectOptions = new PgConnectOptions(servers.get(0));
        PoolOptions pool = new PoolOptions(input.poolOptions())
                .setMaxWaitQueueSize(config.pool().maxWaitQueue())
                .setConnectionTimeout((int) config.pool().acquireTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgBuilder.pool().with(pool).connectingTo(List.<SqlConnectOptions>copyOf(servers))
                .withConnectHandler(conn -> {
                    PooledSockets.consolidateFlushes(conn);
                    if (!WholeMessages.install(conn)) {
                        LOG.warnf("the SQL client's connection (%s) has no pipeline the gateway knows: large results"
                                + " are gathered by the client's decoder, at a cost that grows with their square",
                                conn.getClass().getName());
                    }
                    conn.close(); // hands the new connection to the pool
                })
                .using(input.vertx()).build();
    }

    /** The first server's options, for the dedicated LISTEN connection and start-up checks. */
    public PgConnectOptions connectOptions() {
        if (connectOptions == null) {
            throw new IllegalStateException("the pool has not been created yet");
        }
        return new PgConnectOptions(connectOptions);
    }
}
