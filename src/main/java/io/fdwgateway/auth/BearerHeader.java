package io.fdwgateway.auth;

/**
 * Reads the token of an {@code Authorization: Bearer} header: "Bearer" in any ASCII case, one
 * space, then one or more RFC 6750 b64token characters and nothing else. A loop rather than a
 * regular expression: it runs on every call, over a header of a kilobyte or more.
 */
final class BearerHeader {

    private static final String SCHEME = "bearer ";

    private BearerHeader() {
    }

    /** @return the token, or null when the header is not exactly a Bearer token */
    static String token(String header) {
        if (header == null || header.length() <= SCHEME.length()) {
            return null;
        }
        for (int i = 0; i < SCHEME.length(); i++) {
            char c = header.charAt(i);
            char expected = SCHEME.charAt(i);
            if (c != expected && !(expected != ' ' && c == Character.toUpperCase(expected))) {
                return null;
            }
        }
        for (int i = SCHEME.length(); i < header.length(); i++) {
            if (!tokenCharacter(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(SCHEME.length());
    }

    private static boolean tokenCharacter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=' || c == '-';
    }
}
