package io.fdwgateway.catalog;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Listens for {@code NOTIFY fdw_gateway, 'reload'} on a dedicated connection (LISTEN cannot
 * share pooled connections) and reconnects if the connection drops, reloading after each
 * reconnect since notifications sent meanwhile are lost.
 */
@ApplicationScoped
public class ReloadListener {

    public static final String CHANNEL = "fdw_gateway";
    private static final Logger LOG = Logger.getLogger(ReloadListener.class);

    private final Vertx vertx;
    private final SchemaCache cache;
    private final AtomicBoolean subscribedBefore = new AtomicBoolean();
    private PgSubscriber subscriber;

    public ReloadListener(Vertx vertx, SchemaCache cache) {
        this.vertx = vertx;
        this.cache = cache;
    }

    public void start(PgConnectOptions options) {
        subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions(options))
                .reconnectPolicy(retries -> retries < 1_000_000 ? 1_000L : -1L);
        subscriber.channel(CHANNEL)
                .handler(payload -> {
                    if ("reload".equals(payload)) {
                        cache.reload();
                    }
                })
                .subscribeHandler(v -> {
                    if (subscribedBefore.getAndSet(true)) {
                        LOG.info("schema reload listener reconnected; reloading in case a change was missed");
                        cache.reload();
                    }
                });
        subscriber.closeHandler(v -> LOG.warn("schema reload listener closed"));
        subscriber.connect().onComplete(ar -> {
            if (ar.failed()) {
                LOG.warnf("schema reload listener could not connect, retrying: %s", ar.cause().getMessage());
            }
        });
    }

    public void stop() {
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
