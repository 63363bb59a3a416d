package io.fdwgateway.openapi;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.SchemaCache;
import io.fdwgateway.catalog.SchemaCache.CatalogReloaded;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The OpenAPI documents as served: bytes, built on the first request for one (role, schema
 * profile, format) and kept until the catalog is reloaded.
 *
 * <p>A document of a large catalog is expensive to make: its object tree, and the JSON tree
 * Quarkus' writer makes of it, are each about ten times its size (60 MB each for 2,000
 * functions). So nothing is built before someone asks, requests that ask for the same
 * document while it is being built wait for that one build, builds run one at a time on a
 * worker thread of their own (two roles' first requests never hold two trees at once), a large
 * document is written in slices of {@link #SLICE} function names and joined, so only one
 * slice's trees exist at a time, and only the bytes are kept, gzip-compressed ({@link Kept}). Quarkus' own document service writes the bytes, so the document is
 * exactly the one Quarkus would serve (its info, servers and format), with
 * {@link CatalogOpenApiFilter} putting in the catalog's parts.
 *
 * <p>Documents belong to the catalog they were built from. A request looks the catalog up when
 * it arrives and only ever gets a document of that catalog: once a reload is live, no request
 * that arrives afterwards is answered with a document of an earlier one.
 */
@ApplicationScoped
public class ServedDocuments {

    private static final Logger LOG = Logger.getLogger(ServedDocuments.class);
    /**
     * Function names per slice of a large document. A slice's trees and bytes (about 30 KB per
     * function for each tree, 15 KB for each copy of the bytes) must die in the young generation
     * (17 MB of eden in a 64 MB serial heap): at 200 names (18 MB) they outlived young
     * collections, were promoted, and the heap grew towards its maximum during the first build
     * and stayed committed (about 90 MB of RSS for 2,000 functions). At 25 names (2 MB) the heap
     * keeps its initial size, and the build is faster (young collections no longer copy live trees).
     */
    static final int SLICE = 25;

    /**
     * One document: whose ({@code role}, empty when documents do not follow privileges), which
     * schema profile (empty: every exposed schema) and which format.
     */
    public record Key(Optional<String> role, Optional<String> profile, Format format) {
    }

    /**
     * A document as kept: gzip-compressed. The document of 2,000 functions is 30 MB of JSON,
     * mostly the same few sentences over and over; compressed it is a few hundred KB, so a
     * document per role and format can be kept without a heap the size of a few documents.
     * Most clients accept gzip and get these bytes as they are.
     *
     * @param length the document's own length
     */
    public record Kept(byte[] gzip, int length) {

        /** The document itself, whole (tests). */
        public Buffer inflate() throws IOException {
            try (InputStream in = inflating()) {
                return Buffer.buffer(in.readNBytes(length));
            }
        }

        /** The document itself, as a stream, for a client that does not accept gzip. */
        public InputStream inflating() throws IOException {
            return DocumentMerge.inflating(gzip);
        }

        static Kept of(byte[] document) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, document.length / 16));
            try (OutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
                gzip.write(document);
            }
            return new Kept(out.toByteArray(), document.length);
        }
    }

    /** The documents built so far from one catalog load (the catalog's identity is the version). */
    private record Generation(Catalog catalog, ConcurrentHashMap<Key, Future<Kept>> documents) {
    }

    private final SchemaCache cache;
    private final LiveDocument live;
    private final OpenApiDocumentService quarkus;
    private final WorkerExecutor builder;
    private final AtomicReference<Generation> generation;
    /** Documents built so far: tests prove that concurrent first requests build one. */
    private final AtomicLong builds = new AtomicLong();

    public ServedDocuments(SchemaCache cache, LiveDocument live, OpenApiDocumentService quarkus, Vertx vertx) {
        this.cache = cache;
        this.live = live;
        this.quarkus = quarkus;
        // one thread: one document tree in memory at a time, however many roles ask at once
        this.builder = vertx.createSharedWorkerExecutor("openapi-documents", 1);
        this.generation = new AtomicReference<>(new Generation(cache.current(), new ConcurrentHashMap<>()));
    }

    /**
     * The document {@code key} names for the catalog served now; {@code scope} narrows that
     * catalog to what the document describes (the functions the role may execute, a profile's
     * schema). Built once per catalog load, however many requests ask at once.
     */
    public Future<Kept> get(Key key, Function<Catalog, Future<Catalog>> scope) {
        Catalog served = cache.current();
        Generation current = generationOf(served);
        if (current == null) {
            // another reload went live while this request looked: answer it without keeping it
            return build(served, key, scope);
        }
        Promise<Kept> promise = Promise.promise();
        Future<Kept> existing = current.documents().putIfAbsent(key, promise.future());
        if (existing != null) {
            return existing;
        }
        build(served, key, scope).onComplete(built -> {
            if (built.failed()) {
                // a database hiccup is not remembered: the next request asks again
                current.documents().remove(key, promise.future());
            }
            promise.handle(built);
        });
        return promise.future();
    }

    /** The documents of {@code served}, a new empty set if it is the catalog now live, else null. */
    private Generation generationOf(Catalog served) {
        while (true) {
            Generation current = generation.get();
            if (current.catalog() == served) {
                return current;
            }
            if (cache.current() != served) {
                return null;
            }
            Generation fresh = new Generation(served, new ConcurrentHashMap<>());
            if (generation.compareAndSet(current, fresh)) {
                return fresh;
            }
        }
    }

    private Future<Kept> build(Catalog served, Key key, Function<Catalog, Future<Catalog>> scope) {
        return scope.apply(served).compose(described -> builder.executeBlocking(() -> {
            long started = System.nanoTime();
            builds.incrementAndGet();
            Kept document = write(described, key.format(), SLICE);
            LOG.debugf("OpenAPI document built: %d functions, %s, %d bytes (%d gzipped) in %d ms", described.size(),
                    key.format(), document.length(), document.gzip().length, (System.nanoTime() - started) / 1_000_000);
            return document;
        }, false));
    }

    /**
     * The document of {@code described}, gzip-compressed: written by Quarkus whole when it has
     * at most {@code slice} function names, else slice by slice of that many names and joined
     * ({@link DocumentMerge}), so that only one slice's object trees are in memory at a time.
     */
    Kept write(Catalog described, Format format, int slice) throws IOException {
        List<String> names = described.routines().stream().map(Routine::name).distinct().sorted().toList();
        if (names.size() <= slice) {
            return Kept.of(quarkus(live.build(described), format));
        }
        List<byte[]> slices = new ArrayList<>();
        for (int from = 0; from < names.size(); from += slice) {
            Set<String> these = Set.copyOf(names.subList(from, Math.min(names.size(), from + slice)));
            slices.add(Kept.of(quarkus(live.build(described.only(r -> these.contains(r.name()))), format)).gzip());
        }
        return DocumentMerge.merge(slices, format, live.empty().components().getSchemas().keySet());
    }

    private byte[] quarkus(CatalogDocument parts, Format format) {
        return CatalogOpenApiFilter.with(parts, () -> quarkus.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, format));
    }

    long builds() {
        return builds.get();
    }

    /** A reload drops the documents of the catalog it replaced at once, not when the next request comes. */
    void onReload(@ObservesAsync CatalogReloaded reloaded) {
        generation.updateAndGet(g -> g.catalog() == cache.current() ? g
                : new Generation(cache.current(), new ConcurrentHashMap<>()));
    }

    @PreDestroy
    void close() {
        builder.close();
    }
}
