package io.fdwgateway.startup;

import io.fdwgateway.catalog.ReloadListener;
import io.fdwgateway.catalog.SchemaCache;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.logging.LogText;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Refuses to serve from a database it cannot vouch for: the login role is checked, then the
 * reload listener is started and the schema cache loaded, the LISTEN first (the load it asks
 * for once listening is the first load: a change after that load's snapshot is heard, so no
 * second load is owed right after it). Nothing is served before that load succeeded. Any failure stops start-up
 * with a message naming the fix, never with a connection string or password.
 */
@Singleton
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    private final Pool pool;
    private final GatewayConfig config;
    private final SchemaCache cache;
    private final ReloadListener listener;
    /**
     * Longer than the LISTEN connection's first attempt and a catalog load may take together, so
     * a failed first load reports its own reason.
     */
    private final Duration wait;

    public StartupChecks(Pool pool, GatewayConfig config, SchemaCache cache, ReloadListener listener) {
        this.pool = pool;
        this.config = config;
        this.cache = cache;
        this.listener = listener;
        this.wait = config.catalog().loadTimeout().multipliedBy(2).plusSeconds(5);
    }

    void onStart(@Observes StartupEvent event) {
        if (!RunMode.serving()) {
            return;
        }
        List<String> problems = await(LoginRoleCheck.problems(pool, config.role().allowed()), "check the login role");
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.error("refusing to start: " + LogText.escape(p)));
            throw new IllegalStateException("refusing to start: " + String.join("; ", problems));
        }
        await(listener.start(), "load the schema cache");
        LOG.infof("fdw-gateway serving %d functions from schemas %s", cache.current().size(), config.exposedSchemas());
    }

    void onStop(@Observes ShutdownEvent event) {
        listener.stop();
    }

    private <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            LOG.errorf("refusing to start: could not %s: %s", what, LogText.escape(reason));
            throw new IllegalStateException("could not " + what + ": " + reason);
        } catch (TimeoutException e) {
            LOG.errorf("refusing to start: could not %s within %d s", what, wait.toSeconds());
            throw new IllegalStateException("could not " + what + " within " + wait.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what);
        }
    }
}
