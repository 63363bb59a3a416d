package io.fdwgateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function body as the lints read it: comments dropped, every string literal (quoted, E'…'
 * or dollar-quoted) replaced by a placeholder {@code 'n'} that indexes {@link #literals()}, and
 * the rest lower-cased, so a rule's patterns never match inside a comment or a string.
 */
public record SqlText(String code, List<String> literals) {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");

    public SqlText {
        literals = List.copyOf(literals);
    }

    /** Reads {@code body}; an unterminated comment or literal runs to the end. */
    public static SqlText of(String body) {
        StringBuilder code = new StringBuilder(body.length());
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = body.length();
        while (i < n) {
            char c = body.charAt(i);
            if (c == '-' && i + 1 < n && body.charAt(i + 1) == '-') {
                int end = body.indexOf('\n', i);
                i = end < 0 ? n : end;
                code.append(' ');
            } else if (c == '/' && i + 1 < n && body.charAt(i + 1) == '*') {
                i = skipBlockComment(body, i);
                code.append(' ');
            } else if (c == '\'') {
                boolean escapes = i > 0 && (body.charAt(i - 1) == 'e' || body.charAt(i - 1) == 'E')
                        && (i < 2 || !isWordChar(body.charAt(i - 2)));
                StringBuilder lit = new StringBuilder();
                i = readQuoted(body, i + 1, escapes, lit);
                code.append('\'').append(literals.size()).append('\'');
                literals.add(lit.toString());
            } else if (c == '"') {
                int end = body.indexOf('"', i + 1);
                end = end < 0 ? n : end + 1;
                code.append(body, i, end);
                i = end;
            } else if (c == '$' && (i == 0 || !isWordChar(body.charAt(i - 1)))) {
                Matcher tag = DOLLAR_TAG.matcher(body).region(i, n);
                if (tag.lookingAt()) {
                    String delimiter = tag.group();
                    int start = tag.end();
                    int end = body.indexOf(delimiter, start);
                    literals.add(body.substring(start, end < 0 ? n : end));
                    code.append('\'').append(literals.size() - 1).append('\'');
                    i = end < 0 ? n : end + delimiter.length();
                } else {
                    code.append(c);
                    i++;
                }
            } else {
                code.append(Character.toLowerCase(c));
                i++;
            }
        }
        return new SqlText(code.toString().toLowerCase(Locale.ROOT), literals);
    }

    /** The literal a placeholder such as {@code '3'} stands for, or null if {@code token} is none. */
    public String literal(String token) {
        String t = token.strip();
        if (t.length() < 3 || t.charAt(0) != '\'' || t.charAt(t.length() - 1) != '\'') {
            return null;
        }
        try {
            int index = Integer.parseInt(t.substring(1, t.length() - 1));
            return index < literals.size() ? literals.get(index) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipBlockComment(String body, int start) {
        int depth = 0;
        int i = start;
        while (i < body.length()) {
            if (body.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (body.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    private static int readQuoted(String body, int start, boolean escapes, StringBuilder lit) {
        int i = start;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (escapes && c == '\\' && i + 1 < body.length()) {
                lit.append(body.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                    lit.append('\'');
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                lit.append(c);
                i++;
            }
        }
        return i;
    }
}
