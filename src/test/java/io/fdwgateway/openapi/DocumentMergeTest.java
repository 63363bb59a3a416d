package io.fdwgateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.SchemaCache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A large catalog's document is written slice by slice and joined: the joined document is,
 * byte for byte, the one a single build of the whole catalog gives, in both formats, however
 * the names are sliced (a function's {@code _row} schema sorts after the next function's
 * {@code _args}, so the schemas must be merged, not concatenated).
 */
@QuarkusTest
class DocumentMergeTest {

    @Inject
    ServedDocuments documents;

    @Inject
    SchemaCache cache;

    @Test
    void slicedDocumentsJoinToTheWholeDocument() throws Exception {
        Catalog catalog = cache.current();
        assertTrue(catalog.size() > 20, "the reference catalog");
        for (Format format : Format.values()) {
            String whole = documents.write(catalog, format, Integer.MAX_VALUE).inflate().toString();
            for (int slice : new int[] {1, 3, 7}) {
                assertEquals(whole, documents.write(catalog, format, slice).inflate().toString(),
                        format + " in slices of " + slice + " names");
            }
        }
    }
}
