package io.fdwgateway.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata a function's COMMENT carries: every line whose first non-blank character is
 * {@code @} is a directive ({@code @name argument text}); the other lines are the function's
 * description (the OpenAPI document's). This is the project's one parser of function metadata:
 * features read their directive through a typed accessor here. A directive nobody knows is
 * kept, and reported by the posture audit, never silently dropped or fatal.
 *
 * @param entries     every directive, in the order of the comment's lines
 * @param description the comment without its directive lines, trimmed; null when nothing is left
 */
public record Directives(List<Directive> entries, String description) {

    /** The directive naming a foreign server that dynamic SQL reaches. */
    public static final String FOREIGN_SERVER = "foreign-server";
    /** The directive that fills an argument from the verified token: {@code @bind <argument> = claims.<path>}. */
    public static final String BIND = "bind";
    /** The directive that caches successful answers: {@code @cache <duration> [vary <claim>,…]}. */
    public static final String CACHE = "cache";
    /** Directive names some feature reads; any other is reported as unknown. */
    public static final Set<String> KNOWN = Set.of(FOREIGN_SERVER, BIND, CACHE);

    private static final Pattern LINE = Pattern.compile("^\\s*@(\\S*)(?:\\s+(.*?))?\\s*$");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern BIND_ARGUMENT = Pattern.compile("(\"(?:[^\"]|\"\")+\"|[^\\s=\"]+)\\s*=\\s*claims\\.(\\S+)");

    public Directives {
        entries = List.copyOf(entries);
    }

    public static Directives none() {
        return new Directives(List.of(), null);
    }

    /** Splits a comment (null for none) into its directives and its description. */
    public static Directives parse(String comment) {
        if (comment == null) {
            return none();
        }
        List<Directive> found = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (String line : comment.split("\\R", -1)) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                found.add(new Directive(m.group(1), m.group(2) == null ? "" : m.group(2)));
            } else {
                text.add(line);
            }
        }
        String description = String.join("\n", text).strip();
        return new Directives(found, description.isEmpty() ? null : description);
    }

    /** The argument texts of every directive of this name, in order. */
    public List<String> arguments(String name) {
        if (entries.isEmpty()) {
            return List.of(); // most functions have no directive, and the call path asks on every call
        }
        return entries.stream().filter(d -> d.name().equals(name)).map(Directive::argument).toList();
    }

    /**
     * The servers named by {@code @foreign-server <name>} lines; a name in double quotes is taken
     * as written (Postgres' quoted identifier), a bare one folded to lower case as Postgres does.
     */
    public List<String> foreignServers() {
        return arguments(FOREIGN_SERVER).stream().filter(a -> !a.isEmpty()).map(Directives::identifier).distinct()
                .toList();
    }

    /**
     * The {@code @bind <argument> = claims.<path>} lines that are well formed, in order; the
     * argument name is folded as Postgres folds identifiers, the path is a claim name or a
     * dotted path into nested claims.
     */
    public List<Bind> binds() {
        if (entries.isEmpty()) {
            return List.of(); // asked on every call, for every overload: nothing to parse, nothing to allocate
        }
        List<Bind> binds = new ArrayList<>();
        for (String argument : arguments(BIND)) {
            Matcher m = BIND_ARGUMENT.matcher(argument);
            if (m.matches()) {
                binds.add(new Bind(identifier(m.group(1)), m.group(2)));
            }
        }
        return binds;
    }

    /** {@code @bind} lines that are not of the form {@code <argument> = claims.<path>}. */
    public List<Directive> malformedBinds() {
        return entries.stream().filter(d -> d.name().equals(BIND) && !BIND_ARGUMENT.matcher(d.argument()).matches())
                .toList();
    }

    /** Directives no feature reads, or whose name is malformed: the audit reports them. */
    public List<Directive> unknown() {
        return entries.stream().filter(d -> !KNOWN.contains(d.name()) || !NAME.matcher(d.name()).matches()).toList();
    }

    /** Directives that are known but miss their argument. */
    public List<Directive> incomplete() {
        return entries.stream().filter(d -> KNOWN.contains(d.name()) && d.argument().isEmpty()).toList();
    }

    static String identifier(String text) {
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1).replace("\"\"", "\"");
        }
        return t.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * An argument the gateway fills from the caller's verified token.
     *
     * @param argument  the argument's name
     * @param claimPath a top-level claim name, else a dotted path into nested claims
     */
    public record Bind(String argument, String claimPath) {
    }

    /**
     * One {@code @name argument} line.
     *
     * @param name     the word after {@code @}
     * @param argument the rest of the line, trimmed; empty when there is none
     */
    public record Directive(String name, String argument) {
    }
}
