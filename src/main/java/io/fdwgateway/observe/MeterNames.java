package io.fdwgateway.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Puts the request pool's meters (Vert.x', through Quarkus) under the gateway's names, and
 * drops the SQL client's per-connection meters.
 *
 * <p>The pool has one set of meters: {@code gateway_pool_in_use} (connections lent to calls),
 * {@code gateway_pool_waiting} (calls waiting for one), {@code gateway_pool_acquire_seconds}
 * (how long they waited), and {@code gateway_pool_idle}, {@code _usage_seconds},
 * {@code _ratio}, {@code _completed_total}, {@code _rejected_total}.
 *
 * <p>The SQL client's meters ({@code postgresql_*}, tagged {@code clientType=sql}) are made once
 * per connection factory: the pool's, and one more for every dedicated connection the gateway
 * opens (each catalog load, the LISTEN connection, the start-up checks). Their gauge
 * {@code postgresql.queue.size} was registered again each time (Micrometer's "already
 * registered" WARN) and kept reading the first connection, usually a closed one. The pool's
 * meters say what they meant to.
 */
@Singleton
public class MeterNames {

    private static final Map<String, String> POOL = Map.of(
            "sql.pool.active", "gateway.pool.in.use",
            "sql.pool.queue.size", "gateway.pool.waiting",
            "sql.pool.queue.delay", "gateway.pool.acquire",
            "sql.pool.idle", "gateway.pool.idle",
            "sql.pool.usage", "gateway.pool.usage",
            "sql.pool.ratio", "gateway.pool.ratio",
            "sql.pool.completed", "gateway.pool.completed",
            "sql.pool.rejected", "gateway.pool.rejected");

    @Produces
    @Singleton
    MeterFilter sqlClientMetersDropped() {
        return MeterFilter.deny(id -> "sql".equals(id.getTag("clientType")));
    }

    @Produces
    @Singleton
    MeterFilter poolMetersRenamed() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = POOL.get(id.getName());
                if (name == null || !"sql".equals(id.getTag("pool.type"))) {
                    return id;
                }
                // one pool: its Vert.x name (__vertx.DEFAULT) and type say nothing
                return id.withName(name).replaceTags(Tags.empty());
            }
        };
    }
}
