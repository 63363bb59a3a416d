package io.fdwgateway.catalog;

import io.fdwgateway.config.DatabaseConnectOptions;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.logging.LogText;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Listens for {@code NOTIFY fdw_gateway, 'reload'} on a dedicated connection (LISTEN cannot
 * share pooled connections). Every time LISTEN is established the cache reloads, since
 * notifications sent while nobody listened are lost. At start-up that load is the first one
 * ({@link #start} answers it): LISTEN is established before its snapshot is taken, so a change
 * committed after that snapshot is heard, and no second load is needed to cover the gap. When the connection is lost it reconnects with a doubling delay (from
 * 500 ms up to {@code gateway.catalog.retry-max-backoff}). An outage is
 * logged once at WARN when it starts and once at INFO when it ends; closing the listener on
 * shutdown logs nothing above DEBUG.
 */
@ApplicationScoped
public class ReloadListener {

    public static final String CHANNEL = "fdw_gateway";
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(ReloadListener.class);

    private final Vertx vertx;
    private final SchemaCache cache;
    private final DatabaseConnectOptions database;
    private final Duration maxBackoff;
    private final Duration connectTimeout;

    // guarded by this
    private PgConnection connection;
    private boolean stopped = true;
    private long timer = -1;
    private int attempts;
    private Instant outageSince;
    /** The load {@link #start} answers, until the first attempt to listen has connected or failed. */
    private Promise<Catalog> firstLoad;

    public ReloadListener(Vertx vertx, SchemaCache cache, DatabaseConnectOptions database, GatewayConfig config) {
        this.vertx = vertx;
        this.cache = cache;
        this.database = database;
        this.maxBackoff = config.catalog().retryMaxBackoff();
        this.connectTimeout = config.catalog().loadTimeout();
    }

    /**
     * Starts listening. Answers the load asked for once the first attempt to LISTEN has
     * connected (or failed: listening is then retried, and reloads again once connected);
     * a start of a listener already started answers a load asked for now.
     */
    public Future<Catalog> start() {
        synchronized (this) {
            if (stopped) {
                stopped = false;
                firstLoad = Promise.promise();
                Future<Catalog> answer = firstLoad.future();
                connect();
                return answer;
            }
        }
        return cache.reload();
    }

    /** Whether the LISTEN connection is up now. */
    public synchronized boolean listening() {
        return connection != null;
    }

    public void stop() {
        PgConnection open;
        synchronized (this) {
            stopped = true;
            if (timer != -1) {
                cancelTimer(timer);
                timer = -1;
            }
            open = connection;
            connection = null;
        }
        if (open != null) {
            open.close();
        }
        answerFirstLoad(Future.failedFuture(new IllegalStateException("the schema reload listener was stopped")));
        LOG.debug("schema reload listener stopped");
    }

    private void connect() {
        Future.<Void>succeededFuture()
                .compose(start -> PgConnection.connect(vertx, database.options("fdw-gateway listen", connectTimeout)))
                .compose(conn -> conn.query("LISTEN " + CHANNEL).execute()
                        .map(conn)
                        .onFailure(e -> conn.close()))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        connected(ar.result());
                    } else {
                        failed(ar.cause());
                    }
                });
    }

    private void connected(PgConnection conn) {
        Instant outage;
        synchronized (this) {
            if (stopped) {
                conn.close();
                return;
            }
            connection = conn;
            outage = outageSince;
            outageSince = null;
            attempts = 0;
        }
        conn.notificationHandler(n -> {
            if (CHANNEL.equals(n.getChannel()) && "reload".equals(n.getPayload())) {
                cache.reload();
            }
        });
        conn.closeHandler(v -> lost(conn));
        if (outage != null) {
            LOG.infof("schema reload listener reconnected after %s; reloading in case a change was missed",
                    Backoff.text(Duration.between(outage, Instant.now())));
        } else {
            LOG.debug("schema reload listener connected");
        }
        answerFirstLoad(cache.reload());
    }

    /** Completes what {@link #start} answered with {@code load}, the first time only. */
    private void answerFirstLoad(Future<Catalog> load) {
        Promise<Catalog> first = takeFirstLoad();
        if (first != null) {
            load.onComplete(first);
        }
    }

    private synchronized Promise<Catalog> takeFirstLoad() {
        Promise<Catalog> first = firstLoad;
        firstLoad = null;
        return first;
    }

    private void lost(PgConnection conn) {
        synchronized (this) {
            if (connection != conn) {
                return; // closed by stop(): a normal shutdown
            }
            connection = null;
            if (stopped) {
                return;
            }
            outageSince = Instant.now();
        }
        LOG.warnf("schema reload listener lost its database connection; reconnecting, at most %s apart, and"
                + " reloading once connected", Backoff.text(maxBackoff));
        retry();
    }

    private void failed(Throwable cause) {
        boolean firstOfOutage;
        synchronized (this) {
            if (stopped) {
                return;
            }
            firstOfOutage = outageSince == null;
            if (firstOfOutage) {
                outageSince = Instant.now();
            }
        }
        if (firstOfOutage) {
            LOG.warnf("schema reload listener could not connect, retrying at most %s apart: %s", Backoff.text(maxBackoff),
                    LogText.escape(cause.getMessage()));
        } else {
            LOG.debugf("schema reload listener could not reconnect yet: %s", LogText.escape(cause.getMessage()));
        }
        retry();
        // start-up does not wait for LISTEN: it loads now, and again once listening
        Promise<Catalog> first = takeFirstLoad();
        if (first != null) {
            cache.reload().onComplete(first);
        }
    }

    private void retry() {
        synchronized (this) {
            if (stopped || timer != -1) {
                return;
            }
            Duration delay = Backoff.delay(FIRST_RETRY, maxBackoff, ++attempts);
            timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
                synchronized (this) {
                    timer = -1;
                    if (stopped) {
                        return;
                    }
                }
                connect();
            });
        }
    }

    private void cancelTimer(long id) {
        try {
            vertx.cancelTimer(id);
        } catch (RuntimeException e) {
            // Vert.x is already closed: so is the timer
        }
    }
}
