package io.fdwgateway.catalog;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schema cache's load scheduling, with a scripted loader on a real Vert.x: requests are
 * coalesced and paced, every load completes whatever the loader or an observer does, failed
 * loads are retried without anyone asking, and observers run in order off the event loop.
 */
class SchemaCacheTest {

    private static final Duration MIN_INTERVAL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(800);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(1);

    private Vertx vertx;
    private final List<Long> starts = new CopyOnWriteArrayList<>();
    private final List<SchemaCache.CatalogReloaded> published = new CopyOnWriteArrayList<>();
    private final List<Boolean> publishedOnEventLoop = new CopyOnWriteArrayList<>();
    private final List<SchemaCache> caches = new ArrayList<>();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        caches.forEach(SchemaCache::close);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A cache over {@code loader}; every start is recorded. */
    private SchemaCache cache(Supplier<Future<Catalog>> loader, Function<SchemaCache.CatalogReloaded, CompletionStage<?>> observer) {
        Supplier<Future<Catalog>> recording = () -> {
            starts.add(System.nanoTime());
            return loader.get();
        };
        Function<SchemaCache.CatalogReloaded, CompletionStage<?>> publisher = event -> {
            publishedOnEventLoop.add(Context.isOnEventLoopThread());
            published.add(event);
            return observer.apply(event);
        };
        SchemaCache cache = new SchemaCache(recording, publisher, vertx,
                new SchemaCache.Pacing(MIN_INTERVAL, MAX_BACKOFF, LOAD_TIMEOUT));
        caches.add(cache);
        return cache;
    }

    private SchemaCache cache(Supplier<Future<Catalog>> loader) {
        return cache(loader, event -> CompletableFuture.completedFuture(null));
    }

    private static Supplier<Future<Catalog>> answering(Catalog catalog) {
        return () -> Future.succeededFuture(catalog);
    }

    /** Answers after {@code millis}, on a Vert.x timer, like a database round trip. */
    private Supplier<Future<Catalog>> slow(long millis, Catalog catalog) {
        return () -> {
            Promise<Catalog> p = Promise.promise();
            vertx.setTimer(millis, id -> p.complete(catalog));
            return p.future();
        };
    }

    private static <T> T result(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the reload did not complete", e);
        }
        throw new AssertionError("the reload succeeded; a failure was expected");
    }

    private long millisBetweenStarts(int a, int b) {
        return (starts.get(b) - starts.get(a)) / 1_000_000;
    }

    @Test
    void requestsDuringALoadAreCoalescedIntoOneMoreLoad() throws Exception {
        Catalog catalog = Catalog.of(List.of());
        SchemaCache cache = cache(slow(150, catalog));
        Future<Catalog> first = cache.reload();
        await().atMost(Duration.ofSeconds(5)).until(() -> starts.size() == 1);
        List<Future<Catalog>> during = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            during.add(cache.reload());
        }
        assertSame(catalog, result(first));
        for (Future<Catalog> f : during) {
            assertSame(catalog, result(f));
        }
        Thread.sleep(MIN_INTERVAL.toMillis() * 2);
        assertEquals(2, starts.size(), "twenty requests during a load make exactly one more load");
        assertThat(millisBetweenStarts(0, 1), greaterThanOrEqualTo(MIN_INTERVAL.toMillis()));
        assertEquals(2, cache.status().loads());
        assertNull(cache.status().staleSince());
    }

    @Test
    void loadsStartAtMostOncePerMinInterval() throws Exception {
        SchemaCache cache = cache(answering(Catalog.of(List.of())));
        long end = System.nanoTime() + 1_000_000_000L;
        List<Future<Catalog>> answers = new ArrayList<>();
        while (System.nanoTime() < end) {
            answers.add(cache.reload()); // a NOTIFY storm
            Thread.sleep(5);
        }
        for (Future<Catalog> f : answers) {
            result(f);
        }
        // one second of requests, at most one load per 200 ms, plus the one that answers the last
        assertThat(starts.size(), lessThanOrEqualTo(7));
        for (int i = 1; i < starts.size(); i++) {
            assertThat(millisBetweenStarts(i - 1, i), greaterThanOrEqualTo(MIN_INTERVAL.toMillis()));
        }
    }

    @Test
    void aFailedLoadFailsItsRequestsAndIsRetriedWithBackoffUntilItSucceeds() throws Exception {
        Catalog good = Catalog.of(List.of());
        AtomicInteger calls = new AtomicInteger();
        SchemaCache cache = cache(() -> calls.incrementAndGet() <= 3
                ? Future.failedFuture(new IllegalStateException("catalog unreadable"))
                : Future.succeededFuture(good));
        Throwable failure = failureOf(cache.reload());
        assertEquals("catalog unreadable", failure.getMessage());
        assertEquals("IllegalStateException", cache.status().lastFailure());
        assertNotNull(cache.status().staleSince(), "a failed load leaves the catalog unconfirmed");

        // nobody asks again: the retries alone bring the catalog back
        await().atMost(Duration.ofSeconds(5)).until(() -> cache.status().loads() == 1);
        assertEquals(4, starts.size());
        assertEquals(3, cache.status().failures());
        assertNull(cache.status().lastFailure());
        assertNull(cache.status().staleSince());
        assertSame(good, cache.current());
        // 200 ms, then 400, then 800 (the cap) between the attempts
        assertThat(millisBetweenStarts(0, 1), greaterThanOrEqualTo(200L));
        assertThat(millisBetweenStarts(1, 2), greaterThanOrEqualTo(400L));
        assertThat(millisBetweenStarts(2, 3), greaterThanOrEqualTo(800L));
    }

    @Test
    void aFailedLoadKeepsServingThePreviousCatalog() throws Exception {
        Catalog first = Catalog.of(List.of());
        AtomicInteger calls = new AtomicInteger();
        SchemaCache cache = cache(() -> calls.incrementAndGet() == 2
                ? Future.failedFuture(new IllegalStateException("down"))
                : Future.succeededFuture(calls.get() == 1 ? first : Catalog.of(List.of())));
        assertSame(first, result(cache.reload()));
        failureOf(cache.reload());
        assertSame(first, cache.current());
        assertTrue(cache.status().loaded());
    }

    @Test
    void aLoaderThatThrowsDoesNotWedgeTheCache() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Catalog good = Catalog.of(List.of());
        SchemaCache cache = cache(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("thrown, not returned");
            }
            return Future.succeededFuture(good);
        });
        assertEquals("thrown, not returned", failureOf(cache.reload()).getMessage());
        assertSame(good, result(cache.reload()));
        assertEquals(1, cache.status().loads());
    }

    @Test
    void aLoadThatNeverAnswersTimesOutAndTheNextOneRuns() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Catalog good = Catalog.of(List.of());
        SchemaCache cache = cache(() -> calls.incrementAndGet() == 1
                ? Promise.<Catalog>promise().future()
                : Future.succeededFuture(good));
        Throwable failure = failureOf(cache.reload());
        assertTrue(failure instanceof java.util.concurrent.TimeoutException, failure.toString());
        await().atMost(Duration.ofSeconds(5)).until(() -> cache.status().loads() == 1);
        assertSame(good, cache.current());
    }

    @Test
    void failingObserversDoNotWedgeTheCacheAndRunInOrderOffTheEventLoop() throws Exception {
        AtomicInteger events = new AtomicInteger();
        SchemaCache cache = cache(answering(Catalog.of(List.of())), event -> {
            int n = events.incrementAndGet();
            if (n == 1) {
                throw new IllegalStateException("observer threw");
            }
            if (n == 2) {
                return CompletableFuture.failedFuture(new IllegalStateException("observer failed"));
            }
            return CompletableFuture.completedFuture(null);
        });
        for (int i = 0; i < 4; i++) {
            result(cache.reload());
        }
        assertEquals(4, cache.status().loads());
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 4);
        for (int i = 0; i < published.size(); i++) {
            assertEquals(i + 1, published.get(i).generation(), "observers see the loads in order");
        }
        assertFalse(publishedOnEventLoop.contains(true), "observers never run on an event loop");
    }

    @Test
    void closingStopsTheRetries() throws Exception {
        SchemaCache cache = cache(() -> Future.failedFuture(new IllegalStateException("down")));
        failureOf(cache.reload());
        cache.close();
        int attempts = starts.size();
        Thread.sleep(MIN_INTERVAL.toMillis() * 3);
        assertEquals(attempts, starts.size());
        failureOf(cache.reload());
    }
}
