package io.fdwgateway.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints over the bodies of exposed definer functions. They read the text, not a parse tree, so
 * they look for the shapes these bugs take in practice: a LIKE pattern built by concatenating an
 * argument, an EXECUTE of a string built from one, a function anonymous callers reach that reads
 * a foreign table and never looks at the caller's claims.
 */
public final class BodyLints {

    private static final Pattern LIKE = Pattern.compile("(?<![\\w$])(not\\s+)?(i?like)\\s+|~~\\*?");
    private static final Pattern EXECUTE = Pattern.compile("(?<![\\w$.])execute\\s+(?!on\\b)");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![\\w$.])([a-z_][a-z0-9_$]*)\\s*:=\\s*");
    private static final Pattern CALL_NAME = Pattern.compile("([a-z_][a-z0-9_$]*)\\s*$");
    private static final Pattern FORMAT_S = Pattern.compile("%(\\d+\\$)?-?\\d*s");
    private static final Pattern CLAIMS_CALL = Pattern.compile("(?<![\\w$])auth\\s*\\.\\s*(uid|jwt)\\s*\\(");
    private static final Pattern ID_LIKE = Pattern.compile("(?i).*_id|customer|user|tenant|owner|account");
    private static final Set<String> LIKE_STOPS = Set.of("and", "or", "then", "loop", "order", "group", "limit",
            "offset", "union", "having", "escape", "returning", "into", "from", "where", "when", "else", "end", "is",
            "collate", "except", "intersect");
    private static final Set<String> EXECUTE_STOPS = Set.of("using", "into");
    private static final Set<String> QUOTING = Set.of("quote_ident", "quote_literal", "quote_nullable");
    private static final Set<String> ESCAPING = Set.of("replace", "regexp_replace", "translate");

    private BodyLints() {
    }

    /**
     * One function as the lints see it.
     *
     * @param signature           {@code schema.name(types)}, quoted by Postgres
     * @param language            {@code sql}, {@code plpgsql} …
     * @param arguments           input argument names in order (null or empty for unnamed ones)
     * @param anonymousCanExecute whether the anonymous API role may call it
     * @param foreignTables       foreign tables it reads ({@code schema.table})
     * @param nonAdminCanExecute  whether an API role other than service_role may call it
     * @param bound               the arguments its {@code @bind} lines fill from the token
     */
    public record Function(long oid, String signature, String language, String body, List<String> arguments,
                           boolean anonymousCanExecute, List<String> foreignTables, boolean nonAdminCanExecute,
                           List<String> bound) {
        public Function {
            arguments = new ArrayList<>(arguments);
            foreignTables = List.copyOf(foreignTables);
            bound = List.copyOf(bound);
        }

        public Function(long oid, String signature, String language, String body, List<String> arguments,
                        boolean anonymousCanExecute, List<String> foreignTables) {
            this(oid, signature, language, body, arguments, anonymousCanExecute, foreignTables, false, List.of());
        }
    }

    /** Every body finding for {@code fn}. */
    public static List<Finding> check(Function fn) {
        SqlText text = SqlText.of(fn.body() == null ? "" : fn.body());
        List<Finding> findings = new ArrayList<>();
        likeFromArgument(fn, text).ifPresent(findings::add);
        dynamicSqlFromArgument(fn, text).ifPresent(findings::add);
        withoutClaimsCheck(fn, text).ifPresent(findings::add);
        unboundIdArgument(fn, text).ifPresent(findings::add);
        return findings;
    }

    /** Whether the body reads the caller's claims: request.jwt.claims, auth.uid() or auth.jwt(). */
    public static boolean readsClaims(SqlText text) {
        return CLAIMS_CALL.matcher(text.code()).find()
                || text.literals().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("request.jwt.claim"));
    }

    private static Optional<Finding> likeFromArgument(Function fn, SqlText text) {
        List<Pattern> refs = references(fn.arguments(), fn.arguments().size());
        Set<String> hits = new LinkedHashSet<>();
        Matcher like = LIKE.matcher(text.code());
        while (like.find()) {
            String operand = operand(text.code(), like.end(), LIKE_STOPS);
            if (!concatenates(operand)) {
                continue;
            }
            for (int i = 0; i < refs.size(); i++) {
                if (refersUnwrapped(operand, refs.get(i), text, ESCAPING, false)) {
                    hits.add(name(fn, i));
                }
            }
        }
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        String args = String.join(", ", hits);
        return Optional.of(finding(fn, "like-pattern-from-argument", "function %s (pattern built from %s)".formatted(fn.signature(), args),
                ("-- in %s, test the prefix with starts_with(column, %s), or escape the wildcards before matching:"
                        + " column like replace(replace(replace(%s, '\\', '\\\\'), '%%', '\\%%'), '_', '\\_') || '%%'")
                        .formatted(fn.signature(), first(hits), first(hits))));
    }

    private static Optional<Finding> dynamicSqlFromArgument(Function fn, SqlText text) {
        if (!"plpgsql".equals(fn.language())) {
            return Optional.empty();
        }
        // arguments, then variables assigned from them without quoting (twice: a chain of two)
        List<String> tainted = new ArrayList<>(fn.arguments());
        int positional = fn.arguments().size();
        for (int pass = 0; pass < 2; pass++) {
            Matcher m = ASSIGNMENT.matcher(text.code());
            while (m.find()) {
                String variable = m.group(1);
                String value = operand(text.code(), m.end(), Set.of());
                if (!tainted.contains(variable) && references(tainted, positional).stream()
                        .anyMatch(p -> refersUnwrapped(value, p, text, QUOTING, true))) {
                    tainted.add(variable);
                }
            }
        }
        List<Pattern> refs = references(tainted, positional);
        Set<String> hits = new LinkedHashSet<>();
        Matcher exec = EXECUTE.matcher(text.code());
        while (exec.find()) {
            String statement = operand(text.code(), exec.end(), EXECUTE_STOPS);
            for (int i = 0; i < refs.size(); i++) {
                if (refersUnwrapped(statement, refs.get(i), text, QUOTING, true)) {
                    hits.add(i < tainted.size() && tainted.get(i) != null && !tainted.get(i).isEmpty()
                            ? tainted.get(i) : "$" + (i + 1));
                }
            }
        }
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(finding(fn, "dynamic-sql-from-argument",
                "function %s (statement built from %s)".formatted(fn.signature(), String.join(", ", hits)),
                ("-- in %s, build the statement with format('… %%I …', %s) for an identifier or format('… %%L …', %s)"
                        + " for a value (or quote_ident / quote_literal), or pass values as parameters:"
                        + " execute '… $1 …' using %s").formatted(fn.signature(), first(hits), first(hits), first(hits))));
    }

    private static Optional<Finding> withoutClaimsCheck(Function fn, SqlText text) {
        if (!fn.anonymousCanExecute() || fn.foreignTables().isEmpty() || readsClaims(text)) {
            return Optional.empty();
        }
        return Optional.of(finding(fn, "definer-without-claims-check",
                "function %s (reads %s)".formatted(fn.signature(), String.join(", ", fn.foreignTables())),
                ("-- if callers without a token must not read it: revoke execute on routine %s from anon;"
                        + " or filter on the caller in its body, e.g. where … = (pg_catalog.current_setting("
                        + "'request.jwt.claims', true)::jsonb ->> 'sub')").formatted(fn.signature())));
    }

    private static Optional<Finding> unboundIdArgument(Function fn, SqlText text) {
        if (!fn.nonAdminCanExecute() || readsClaims(text)) {
            return Optional.empty();
        }
        List<String> ids = fn.arguments().stream()
                .filter(a -> a != null && ID_LIKE.matcher(a).matches() && !fn.bound().contains(a))
                .toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(finding(fn, "unbound-id-argument",
                "function %s (%s)".formatted(fn.signature(), String.join(", ", ids)),
                ("-- fill it from the token with a line in the function's comment: @bind %s = claims.sub (or the claim"
                        + " that holds it), or compare it with the caller's claims in the body").formatted(ids.get(0))));
    }

    private static Finding finding(Function fn, String ruleId, String object, String fix) {
        Rule rule = Rule.byId(ruleId);
        return new Finding(rule.severity(), rule.id(), object, rule.why(), fix, OptionalLong.of(fn.oid()), rule.blocking());
    }

    private static String name(Function fn, int i) {
        String n = i < fn.arguments().size() ? fn.arguments().get(i) : null;
        return n == null || n.isEmpty() ? "$" + (i + 1) : n;
    }

    private static String first(Set<String> names) {
        return names.iterator().next();
    }

    /** For each name, a pattern for a bare reference; positions past the named ones also match $n. */
    private static List<Pattern> references(List<String> names, int positional) {
        List<Pattern> refs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i) == null ? "" : names.get(i).toLowerCase(Locale.ROOT);
            String alternatives = (n.isEmpty() ? "" : Pattern.quote(n) + "(?![\\w$\"])|\"" + Pattern.quote(n) + "\"|")
                    + (i < positional ? "\\$" + (i + 1) + "(?!\\d)" : "(?!x)x");
            refs.add(Pattern.compile("(?<![\\w$.\"])(?:" + alternatives + ")"));
        }
        return refs;
    }

    private static boolean concatenates(String operand) {
        return operand.contains("||") || operand.matches("(?s).*(?<![\\w$])(concat|concat_ws|format)\\s*\\(.*");
    }

    /**
     * Whether {@code expression} holds a reference that is not inside one of the {@code safe}
     * calls (nor, when {@code formatSafe}, inside a format() whose format string has no %s).
     */
    private static boolean refersUnwrapped(String expression, Pattern ref, SqlText text, Set<String> safe, boolean formatSafe) {
        Matcher m = ref.matcher(expression);
        while (m.find()) {
            if (!wrapped(expression, m.start(), text, safe, formatSafe)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wrapped(String expression, int at, SqlText text, Set<String> safe, boolean formatSafe) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = expression.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth > 0) {
                    depth--;
                    continue;
                }
                Matcher name = CALL_NAME.matcher(expression.substring(0, i));
                String call = name.find() ? name.group(1) : "";
                if (safe.contains(call)) {
                    return true;
                }
                if (formatSafe && call.equals("format")) {
                    String template = text.literal(operand(expression, i + 1, Set.of()));
                    return template != null && !FORMAT_S.matcher(template.replace("%%", "")).find();
                }
            }
        }
        return false;
    }

    /** The expression starting at {@code start}: up to a ; , or ) at its own depth, or a stop word there. */
    static String operand(String code, int start, Set<String> stops) {
        int depth = 0;
        int i = start;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (c == ';' || c == ',')) {
                break;
            } else if (depth == 0 && Character.isLetter(c) && (i == 0 || !SqlText.isWordChar(code.charAt(i - 1)))) {
                int end = i;
                while (end < code.length() && SqlText.isWordChar(code.charAt(end))) {
                    end++;
                }
                if (stops.contains(code.substring(i, end))) {
                    break;
                }
                i = end;
                continue;
            }
            i++;
        }
        return code.substring(start, i);
    }
}
