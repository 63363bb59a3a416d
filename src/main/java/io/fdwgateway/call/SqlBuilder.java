package io.fdwgateway.call;

import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import java.util.List;

/**
 * Writes the SQL text of a call. Values never appear in it: the named arguments arrive as
 * one JSON object in {@code $2}, and {@code jsonb_to_record} gives each one its catalog type,
 * so Postgres itself parses and checks every value. Identifiers are catalog names, always
 * quoted; built-ins are schema-qualified so nothing in an exposed schema can shadow them.
 *
 * <p>Every call answers the JSON Postgres built as UTF-8 bytes ({@code bytea}, which the
 * client receives in binary and never decodes into a string) in rows of three columns: a chunk
 * of at most {@link #CHUNK_BYTES} bytes, the whole length, and the chunk's 1-based offset. A
 * small result is one row, as it always was. A large one is several rows, so the client's
 * decoder gathers messages of at most a chunk, never one message of the whole result, and the
 * gateway keeps the chunks as they were decoded (see {@code exec.ChunkedBody}); the chunks are
 * cut on bytes, so a character may span two of them. The length is decided before any byte is
 * sent: when it exceeds {@code $1} the answer is one row whose bytes are withheld (NULL), so an
 * oversized result never leaves Postgres. The inner query is fenced with {@code offset 0} so
 * that the planner cannot inline it and evaluate the function once per reference.
 */
public final class SqlBuilder {

    private SqlBuilder() {
    }

    /** @param given the arguments the client named, in the routine's declaration order */
    public static String call(Routine routine, List<Argument> given) {
        return call(routine, given, false);
    }

    /** @param bareText the scalar text result itself, not as JSON ({@code text/plain}) */
    public static String call(Routine routine, List<Argument> given, boolean bareText) {
        String invocation = invocation(routine, given);
        // a raw body is bound as the invocation's own argument, not through a record
        boolean record = !given.isEmpty() && routine.rawBody().isEmpty();
        String arguments = record ? " from " + argumentRecord(given) : "";
        String json;
        String from;
        switch (routine.shape()) {
            case SET_OF_ROWS, SET_OF_SCALARS -> {
                json = "coalesce(pg_catalog.json_agg(r), '[]'::pg_catalog.json)::text";
                from = record ? arguments + ", lateral " + invocation + " as r" : " from " + invocation + " as r";
            }
            case ROW, SCALAR -> {
                json = bareText ? invocation + "::pg_catalog.text" : "pg_catalog.to_json(" + invocation + ")::text";
                from = arguments;
            }
            default -> {
                json = invocation + "::text";
                from = arguments;
            }
        }
        return chunked("", "select pg_catalog.convert_to(" + json + ", 'UTF8') as j" + from + " offset 0");
    }

    /**
     * The most bytes of a result in one row. A megabyte keeps the rows of a large result few
     * (33 for 33 MB) and the bytes the decoder holds at once small.
     */
    public static final int CHUNK_BYTES = 1 << 20;

    /**
     * The rows of a result: {@code (chunk, length, offset, extra…)}, one row per chunk of the
     * bytes {@code j} of the single row {@code inner} answers, in offset order, and a single row
     * of NULL bytes when the length exceeds {@code $1} (or when {@code j} is NULL).
     *
     * @param extra further columns of {@code inner} to repeat on each row, each starting with {@code ", s."}
     */
    static String chunked(String extra, String inner) {
        return "select case when s.l <= $1::pg_catalog.int8 then pg_catalog.substr(s.j, g.o, "
                + CHUNK_BYTES + ") end, s.l, g.o" + extra
                + " from (select s.*, pg_catalog.octet_length(s.j) as l from (" + inner + ") as s) as s,"
                + " pg_catalog.generate_series(1, case when s.l <= $1::pg_catalog.int8 then greatest(s.l, 1)"
                + " else 1 end, " + CHUNK_BYTES + ") as g(o)";
    }

    /** {@code "schema"."name"(arg => a.arg, …)}. */
    static String invocation(Routine routine, List<Argument> given) {
        String arguments = routine.rawBody().isPresent() && !given.isEmpty() ? rawValue(given.get(0))
                : namedArguments(given);
        return quote(routine.schema()) + "." + quote(routine.name()) + "(" + arguments + ")";
    }

    /**
     * The whole request body as the one unnamed argument: its text in {@code $2}, parsed by
     * Postgres as the parameter's type; a {@code bytea} body travels as base64 text and is decoded here.
     */
    static String rawValue(Argument raw) {
        return raw.displayType().equals("bytea") ? "pg_catalog.decode($2::pg_catalog.text, 'base64')"
                : "$2::pg_catalog.text::" + raw.sqlType();
    }

    /** Whether the given arguments are bound through {@link #argumentRecord} (named ones) rather than as a raw body. */
    static boolean throughRecord(Routine routine, List<Argument> given) {
        return !given.isEmpty() && routine.rawBody().isEmpty();
    }

    static String argumentRecord(List<Argument> given) {
        StringBuilder sb = new StringBuilder("pg_catalog.jsonb_to_record($2::text::jsonb) as a(");
        for (int i = 0; i < given.size(); i++) {
            Argument arg = given.get(i);
            sb.append(i == 0 ? "" : ", ").append(quote(arg.name())).append(' ').append(arg.sqlType());
        }
        return sb.append(')').toString();
    }

    static String namedArguments(List<Argument> given) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < given.size(); i++) {
            Argument arg = given.get(i);
            sb.append(i == 0 ? "" : ", ")
                    .append(arg.variadic() ? "variadic " : "")
                    .append(quote(arg.name())).append(" => a.").append(quote(arg.name()));
        }
        return sb.toString();
    }

    /** Quotes an identifier the way Postgres' quote_ident does for a name that needs it. */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains NUL");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
