package io.fdwgateway.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the foreign tables a function body names. A served function pins its search_path
 * (the posture audit withholds it otherwise), so its names are schema-qualified or resolve
 * through that fixed path: reading them from the text is reliable, unlike for a function whose
 * names follow the caller's path. Comments are skipped; string literals are read too, since
 * dynamic SQL usually spells its table there. Identifiers fold as Postgres folds them.
 */
final class BodyScanner {

    private static final String IDENT = "\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*";
    private static final Pattern NAME = Pattern.compile("(?<![\\p{L}\\p{N}_$\".])(" + IDENT + ")(?:\\s*\\.\\s*(" + IDENT + "))?");
    private static final Pattern EXECUTE = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_$])execute(?![\\p{L}\\p{N}_$])");

    private BodyScanner() {
    }

    /**
     * @param body       the function's source text
     * @param searchPath the schemas of its pinned search_path, in order (unqualified names resolve there)
     * @param tables     every foreign table, {@code schema.table} (unquoted) → its server
     * @return the foreign tables named, in the order first named
     */
    static List<String> foreignTables(String body, List<String> searchPath, Map<String, String> tables) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = NAME.matcher(withoutComments(body, false));
        while (m.find()) {
            String first = fold(m.group(1));
            if (m.group(2) != null) {
                String qualified = first + "." + fold(m.group(2));
                if (tables.containsKey(qualified)) {
                    found.add(qualified);
                }
            } else {
                searchPath.stream().map(s -> s + "." + first).filter(tables::containsKey).findFirst()
                        .ifPresent(found::add);
            }
        }
        return new ArrayList<>(found);
    }

    /** Whether the code (outside comments and string literals) runs dynamic SQL. */
    static boolean executesDynamicSql(String body) {
        return EXECUTE.matcher(withoutComments(body, true)).find();
    }

    private static String fold(String ident) {
        return ident.startsWith("\"") ? ident.substring(1, ident.length() - 1).replace("\"\"", "\"")
                : ident.toLowerCase(Locale.ROOT);
    }

    /** The text with comments (and, if asked, the contents of string literals) blanked out. */
    static String withoutComments(String body, boolean blankStrings) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        int n = body.length();
        while (i < n) {
            char c = body.charAt(i);
            if (c == '-' && i + 1 < n && body.charAt(i + 1) == '-') {
                while (i < n && body.charAt(i) != '\n') {
                    i++;
                }
                out.append(' ');
            } else if (c == '/' && i + 1 < n && body.charAt(i + 1) == '*') {
                int depth = 0;
                do {
                    if (body.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (body.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (i < n && depth > 0);
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < n) {
                    if (body.charAt(end) == c) {
                        if (end + 1 < n && body.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, n);
                if (c == '\'' && blankStrings) {
                    out.append("''");
                } else if (c == '\'') {
                    // the literal's content is SQL text for dynamic SQL: scan it as code
                    out.append(' ').append(body.substring(i + 1, Math.max(i + 1, end - 1)).replace("''", "'")).append(' ');
                } else {
                    out.append(body, i, end);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
