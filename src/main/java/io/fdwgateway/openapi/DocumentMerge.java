package io.fdwgateway.openapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.smallrye.openapi.runtime.io.Format;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Joins the documents of consecutive slices of a catalog (each a whole document, as Quarkus
 * writes it, for the functions of names in one range of the sorted names) into the document of
 * the whole catalog, token by token, written as Quarkus' writer writes it: the same bytes as
 * one build of the whole catalog, without its object trees ever being in memory at once. The
 * slices and the result are kept gzip-compressed: no whole uncompressed copy exists either.
 *
 * <p>It relies on how {@link CatalogDocument} orders the document: paths by function name (so
 * the slices' paths, one after the other, are in order), component schemas with the fixed
 * ones first and then the functions' own by name (merged here across slices, since one
 * function's {@code _row} may sort after the next one's {@code _args}), and every other part
 * the same in every slice (taken from the first).
 */
final class DocumentMerge {

    /** As smallrye-open-api's JSON writer: Jackson's default pretty printer. */
    private static final JsonFactory JSON = new JsonFactory();
    /** As smallrye-open-api's YAML writer. */
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.ALLOW_LONG_KEYS)
            .build();

    private DocumentMerge() {
    }

    /**
     * @param slices       the documents of the slices, gzip-compressed, in the order of their names
     * @param fixedSchemas the component schemas every document has (a document without functions has them)
     * @return the whole document, gzip-compressed: it is never in memory uncompressed
     */
    static ServedDocuments.Kept merge(List<byte[]> slices, Format format, Set<String> fixedSchemas) throws IOException {
        JsonFactory factory = format == Format.JSON ? JSON : YAML;
        TreeMap<String, TokenBuffer> schemas = new TreeMap<>();
        long size = 0;
        for (byte[] slice : slices) {
            size += slice.length;
            try (JsonParser p = factory.createParser(inflating(slice))) {
                p.nextToken();
                if (enter(p, "components") && enter(p, "schemas")) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        if (fixedSchemas.contains(name)) {
                            p.skipChildren();
                        } else {
                            TokenBuffer tokens = new TokenBuffer(p);
                            tokens.copyCurrentStructureExact(p);
                            schemas.put(name, tokens);
                        }
                    }
                }
            }
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, size));
        Counting out = new Counting(new GZIPOutputStream(compressed, 64 * 1024));
        try (JsonGenerator g = factory.createGenerator(out);
             JsonParser first = factory.createParser(inflating(slices.get(0)))) {
            if (format == Format.JSON) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            first.nextToken();
            g.writeStartObject();
            while (first.nextToken() == JsonToken.FIELD_NAME) {
                String field = first.currentName();
                first.nextToken();
                g.writeFieldName(field);
                if (field.equals("paths")) {
                    first.skipChildren();
                    paths(slices, factory, g);
                } else if (field.equals("components")) {
                    components(first, g, schemas, fixedSchemas);
                } else {
                    g.copyCurrentStructureExact(first);
                }
            }
            g.writeEndObject();
        }
        return new ServedDocuments.Kept(compressed.toByteArray(), Math.toIntExact(out.count));
    }

    static InputStream inflating(byte[] gzip) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(gzip), 64 * 1024);
    }

    private static void paths(List<byte[]> slices, JsonFactory factory, JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (byte[] slice : slices) {
            try (JsonParser p = factory.createParser(inflating(slice))) {
                p.nextToken();
                if (enter(p, "paths")) {
                    copyFields(p, g);
                }
            }
        }
        g.writeEndObject();
    }

    private static void components(JsonParser first, JsonGenerator g, TreeMap<String, TokenBuffer> schemas,
                                   Set<String> fixedSchemas) throws IOException {
        g.writeStartObject();
        while (first.nextToken() == JsonToken.FIELD_NAME) {
            String field = first.currentName();
            first.nextToken();
            g.writeFieldName(field);
            if (!field.equals("schemas")) {
                g.copyCurrentStructureExact(first);
                continue;
            }
            g.writeStartObject();
            while (first.nextToken() == JsonToken.FIELD_NAME) {
                String name = first.currentName();
                first.nextToken();
                if (fixedSchemas.contains(name)) {
                    g.writeFieldName(name);
                    g.copyCurrentStructureExact(first);
                } else {
                    first.skipChildren();
                }
            }
            for (var schema : schemas.entrySet()) {
                g.writeFieldName(schema.getKey());
                try (JsonParser tokens = schema.getValue().asParser()) {
                    tokens.nextToken();
                    g.copyCurrentStructureExact(tokens);
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Copies the fields of the object {@code p} is on, without its braces. */
    private static void copyFields(JsonParser p, JsonGenerator g) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            g.writeFieldName(p.currentName());
            p.nextToken();
            g.copyCurrentStructureExact(p);
        }
    }

    /** Moves {@code p}, on an object's start, to the value of its field {@code name}; false when it has none. */
    private static boolean enter(JsonParser p, String name) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals(name)) {
                return p.currentToken() == JsonToken.START_OBJECT;
            }
            p.skipChildren();
        }
        return false;
    }

    /** Counts the document's own bytes on their way into the compressor. */
    private static final class Counting extends FilterOutputStream {

        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
