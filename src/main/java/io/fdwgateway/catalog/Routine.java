package io.fdwgateway.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One exposed SECURITY DEFINER function, as the catalog describes it. Every name and type
 * in here comes from Postgres' catalog, never from a request.
 *
 * @param schema     schema name (unquoted)
 * @param name       function name (unquoted)
 * @param arguments  input arguments in declaration order
 * @param columns    output columns for {@link ReturnShape#SET_OF_ROWS} and {@link ReturnShape#ROW}
 * @param returnType display name of the return type ({@code format_type})
 * @param comment    the function's comment as written, directives included, or null
 * @param directives the comment's {@code @} lines, and the rest of it as the description
 * @param reach      the foreign servers the function reaches, and how the gateway knows
 * @param ownStatementTimeout the function's own {@code SET statement_timeout} (positive), if any
 * @param cache      how its answers are cached ({@code @cache}), or null when they are not
 */
public record Routine(long oid, String schema, String name, List<Argument> arguments, List<Column> columns,
                     ReturnShape shape, Volatility volatility, String returnType, String comment,
                     Directives directives, ForeignReach reach, Optional<Duration> ownStatementTimeout,
                     CachePolicy cache) {

    public Routine {
        arguments = List.copyOf(arguments);
        columns = List.copyOf(columns);
        directives = directives == null ? Directives.parse(comment) : directives;
        reach = reach == null ? ForeignReach.none() : reach;
        ownStatementTimeout = ownStatementTimeout == null ? Optional.empty() : ownStatementTimeout;
    }

    /** A routine whose comment is parsed here and that reaches no foreign server (tests, tools). */
    public Routine(long oid, String schema, String name, List<Argument> arguments, List<Column> columns,
                   ReturnShape shape, Volatility volatility, String returnType, String comment) {
        this(oid, schema, name, arguments, columns, shape, volatility, returnType, comment, null, null, null, null);
    }

    /** The comment without its directive lines: the OpenAPI description; null when none is left. */
    public String description() {
        return directives.description();
    }

    /** The arguments a client may send: all but those a {@code @bind} line fills from the token. */
    public List<Argument> clientArguments() {
        List<String> bound = directives.binds().stream().map(Directives.Bind::argument).toList();
        return arguments.stream().filter(a -> !bound.contains(a.name())).toList();
    }

    /** Whether an input argument has this name (on every call: a loop, no allocation). */
    public boolean hasArgument(String argName) {
        for (Argument a : arguments) {
            if (a.name().equals(argName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The single unnamed {@code json}, {@code jsonb}, {@code text} or {@code bytea} parameter that
     * takes the whole request body (PostgREST's raw bodies); empty for a function of named arguments.
     */
    public Optional<Argument> rawBody() {
        return arguments.size() == 1 && arguments.get(0).name().isEmpty() ? Optional.of(arguments.get(0))
                : Optional.empty();
    }

    public Optional<Argument> argument(String argName) {
        return arguments.stream().filter(a -> a.name().equals(argName)).findFirst();
    }

    /** "schema.name(type, …)" for logs. */
    public String signature() {
        StringBuilder sb = new StringBuilder(schema).append('.').append(name).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(arguments.get(i).displayType());
        }
        return sb.append(')').toString();
    }

    /**
     * An input argument.
     *
     * @param sqlType     schema-qualified, quoted type name, safe to write into SQL text
     * @param displayType {@code format_type} name for documents and messages
     */
    public record Argument(String name, String sqlType, String displayType, boolean hasDefault, boolean variadic) {
    }

    /**
     * An output column.
     *
     * @param sqlType    schema-qualified, quoted type name, safe to write into SQL text (null when unknown)
     * @param comparable whether the type (a domain's base type, an array's element type) has a
     *                   default btree operator class, so that {@code =}, {@code <} and
     *                   {@code order by} apply to it
     */
    public record Column(String name, String displayType, String sqlType, boolean comparable) {

        /** A column the gateway may only return, never filter or sort by. */
        public Column(String name, String displayType) {
            this(name, displayType, null, false);
        }
    }
}
