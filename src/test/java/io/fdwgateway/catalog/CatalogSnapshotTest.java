package io.fdwgateway.catalog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import io.fdwgateway.config.DatabaseConnectOptions;
import io.fdwgateway.support.Superuser;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The posture audit and the catalog read share one snapshot: DDL committed between the two
 * (here, exactly there) is invisible to both, so a function created in that gap is not served
 * unaudited; the next load sees it, audits it and withholds it.
 */
@QuarkusTest
class CatalogSnapshotTest {

    @Inject
    CatalogLoader loader;
    @Inject
    Vertx vertx;
    @Inject
    DatabaseConnectOptions database;

    @AfterEach
    void drop() {
        Superuser.execute("drop function if exists public.race_unsafe(), public.race_safe()");
    }

    @Test
    void aFunctionCreatedBetweenTheAuditAndTheReadIsNotServedUnaudited() throws Exception {
        PgConnection conn = PgConnection.connect(vertx, database.options("catalog-snapshot-test", Duration.ofSeconds(10)))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Catalog during;
        try {
            // after the audit, before the read: an unsafe definer function (no search_path of its
            // own) that authenticated may call, and a safe twin
            during = loader.loadOn(conn, () -> vertx.executeBlocking(() -> {
                Superuser.execute("""
                        create function public.race_unsafe() returns int language sql stable security definer
                          as $$ select 1 $$;
                        create function public.race_safe() returns int language sql stable security definer
                          set search_path = '' as $$ select 1 $$;
                        alter function public.race_unsafe() owner to api_definer;
                        alter function public.race_safe() owner to api_definer;
                        revoke execute on function public.race_unsafe(), public.race_safe() from public;
                        grant execute on function public.race_unsafe(), public.race_safe() to authenticated;
                        """);
                return null;
            })).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            conn.close();
        }
        assertThat("created after the snapshot: unaudited, so not served", during.lookup("race_unsafe"), empty());
        assertThat(during.lookup("race_safe"), empty());

        Catalog next = await(loader.load());
        assertThat("audited by the next load and withheld", next.lookup("race_unsafe"), empty());
        assertThat("the next load does see the new functions", next.lookup("race_safe"), hasSize(1));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
