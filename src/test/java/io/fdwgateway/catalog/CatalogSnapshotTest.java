package io.fdwgateway.catalog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.fdwgateway.audit.Auditor;
import io.fdwgateway.audit.Finding;
import io.fdwgateway.audit.PostureGate;
import io.fdwgateway.audit.Snapshot;
import io.fdwgateway.config.DatabaseConnectOptions;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.support.Superuser;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The posture audit and the catalog read run side by side on two connections that share one
 * snapshot: DDL committed after the audit's transaction exported it and before the read's
 * imported it (here, exactly there) is invisible to both, so a function created in that gap is
 * not served unaudited; the next load sees it, audits it and withholds it.
 */
@QuarkusTest
class CatalogSnapshotTest {

    @Inject
    Auditor auditor;
    @Inject
    GatewayConfig config;
    @Inject
    Vertx vertx;
    @Inject
    DatabaseConnectOptions database;
    /** This test's own, so that the running gateway's reloads (the DDL here triggers them) do not report into it. */
    private PostureGate posture;
    private CatalogLoader loader;

    @BeforeEach
    void ownLoader() {
        posture = new PostureGate(auditor);
        loader = new CatalogLoader(vertx, database, config, posture);
    }

    @AfterEach
    void drop() {
        Superuser.execute("drop function if exists public.race_unsafe(), public.race_safe()");
    }

    @Test
    void aFunctionCreatedBetweenTheExportAndTheImportIsSeenByNeitherTheAuditNorTheRead() throws Exception {
        PgConnection auditConn = connect("catalog-snapshot-test audit");
        PgConnection readConn = connect("catalog-snapshot-test read");
        Catalog during;
        try {
            // after the audit's snapshot was exported, before the read imports it: an unsafe
            // definer function (no search_path of its own) that authenticated may call, and a safe twin
            during = loader.loadOn(auditConn, readConn, () -> vertx.executeBlocking(() -> {
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
            auditConn.close();
            readConn.close();
        }
        assertThat("created after the snapshot: unaudited, so not served", during.lookup("race_unsafe"), empty());
        assertThat("the read imported the audit's snapshot, not a newer one", during.lookup("race_safe"), empty());
        assertThat("the audit read that snapshot too", findingsAbout("race_"), empty());
        assertThat("the rest of the catalog is there", during.lookup("get_stripe_products"), hasSize(1));

        Catalog next = await(loader.load());
        assertThat("audited by the next load and withheld", next.lookup("race_unsafe"), empty());
        assertThat("the next load does see the new functions", next.lookup("race_safe"), hasSize(1));
        assertThat("the next load's audit found the unsafe one", findingsAbout("race_unsafe"), not(empty()));
    }

    @Test
    void aFunctionTheAuditBlocksIsNotServedWhileTheReadRunsBesideIt() throws Exception {
        Superuser.execute("""
                create function public.race_unsafe() returns int language sql stable security definer
                  as $$ select 1 $$;
                alter function public.race_unsafe() owner to api_definer;
                revoke execute on function public.race_unsafe() from public;
                grant execute on function public.race_unsafe() to authenticated;
                """);
        Catalog loaded = await(loader.load());
        assertThat(loaded.lookup("race_unsafe"), empty());
        assertThat(loaded.withheld(), greaterThanOrEqualTo(1));
        assertThat(findingsAbout("race_unsafe").stream().filter(Finding::blocking).toList(), not(empty()));
    }

    @Test
    void aSnapshotIdIsNeverWrittenIntoSqlUnlessItHasTheShapePostgresGivesIt() throws Exception {
        PgConnection conn = connect("catalog-snapshot-test import");
        try {
            Future<Void> imported = Snapshot.importInto(conn, "1'; drop function public.add(int, int); --",
                    Duration.ofSeconds(5));
            assertThat(imported.failed(), is(true));
            assertThat(imported.cause(), instanceOf(IllegalArgumentException.class));
        } finally {
            conn.close();
        }
    }

    private List<Finding> findingsAbout(String prefix) {
        return posture.lastFindings().stream().filter(f -> f.object().contains("public." + prefix)).toList();
    }

    private PgConnection connect(String name) throws Exception {
        return await(PgConnection.connect(vertx, database.options(name, Duration.ofSeconds(10))));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
