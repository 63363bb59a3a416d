package io.fdwgateway.catalog;

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
 * @param comment    the function's comment, or null
 */
public record Routine(long oid, String schema, String name, List<Argument> arguments, List<Column> columns,
                     ReturnShape shape, Volatility volatility, String returnType, String comment) {

    public Routine {
        arguments = List.copyOf(arguments);
        columns = List.copyOf(columns);
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

    /** An output column. */
    public record Column(String name, String displayType) {
    }
}
