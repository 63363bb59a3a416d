package io.fdwgateway.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.SchemaCache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The document is built when first asked for, once however many ask at once, kept as bytes for
 * the catalog it describes, and built again after a reload.
 */
@QuarkusTest
class OpenApiCachingTest {

    @Inject
    ServedDocuments documents;

    @Inject
    SchemaCache cache;

    @Test
    void concurrentFirstRequestsShareOneBuildAndAReloadBuildsAgain() throws Exception {
        Catalog before = cache.current();
        cache.reload().toCompletionStage().toCompletableFuture().get();
        assertNotSame(before, cache.current(), "a reload makes a new catalog");

        long builds = documents.builds();
        List<byte[]> first = fetchAtOnce(8);
        assertEquals(builds + 1, documents.builds(), "eight first requests, one build");
        first.forEach(body -> assertArrayEquals(first.get(0), body));

        byte[] again = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(first.get(0), again);
        assertEquals(builds + 1, documents.builds(), "served from the bytes kept for this catalog");

        // YAML is another document of the same catalog
        given().get("/q/openapi").then().statusCode(200).contentType("application/yaml");
        assertEquals(builds + 2, documents.builds());

        cache.reload().toCompletionStage().toCompletableFuture().get();
        byte[] afterReload = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asByteArray();
        assertEquals(builds + 3, documents.builds(), "a new catalog: a new document");
        assertArrayEquals(first.get(0), afterReload, "the same functions: the same document");
    }

    @Test
    void keptGzippedSentAsIsToGzipClientsAndInflatedToOthers() throws Exception {
        var raw = io.restassured.RestAssured.config().decoderConfig(
                io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders());
        var plain = given().config(raw).header("Accept-Encoding", "identity").queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).header("Content-Encoding", org.hamcrest.Matchers.nullValue())
                .header("Vary", "Accept-Encoding").contentType("application/json").extract().asByteArray();
        var gzipped = given().config(raw).header("Accept-Encoding", "br, gzip;q=0.5").queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).header("Content-Encoding", "gzip")
                .contentType("application/json").extract().asByteArray();
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        org.junit.jupiter.api.Assertions.assertTrue(gzipped.length * 5 < plain.length, "compressed well");
        org.hamcrest.MatcherAssert.assertThat(new String(plain, java.nio.charset.StandardCharsets.UTF_8),
                org.hamcrest.Matchers.startsWith("{"));
    }

    @Test
    void acceptEncodingGzip() {
        org.junit.jupiter.api.Assertions.assertTrue(OpenApiAccess.acceptsGzip(List.of("gzip, deflate")));
        org.junit.jupiter.api.Assertions.assertTrue(OpenApiAccess.acceptsGzip(List.of("br;q=1.0, GZIP;q=0.1")));
        org.junit.jupiter.api.Assertions.assertTrue(OpenApiAccess.acceptsGzip(List.of("*")));
        org.junit.jupiter.api.Assertions.assertFalse(OpenApiAccess.acceptsGzip(List.of()));
        org.junit.jupiter.api.Assertions.assertFalse(OpenApiAccess.acceptsGzip(List.of("identity")));
        org.junit.jupiter.api.Assertions.assertFalse(OpenApiAccess.acceptsGzip(List.of("gzip;q=0")));
        org.junit.jupiter.api.Assertions.assertFalse(OpenApiAccess.acceptsGzip(List.of("br, gzip; q=0.000")));
    }

    private static List<byte[]> fetchAtOnce(int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Callable<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(() -> given().header("Accept", "application/json").get("/q/openapi").then().statusCode(200)
                        .contentType("application/json").extract().asByteArray());
            }
            List<byte[]> bodies = new ArrayList<>();
            for (Future<byte[]> f : pool.invokeAll(calls)) {
                bodies.add(f.get(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            }
            return bodies;
        } finally {
            pool.shutdownNow();
        }
    }
}
