package io.fdwgateway.logging;

/**
 * Makes text from a client or from Postgres safe to put in a log line. Such text can hold
 * CR, LF or other control characters; written raw, they start what looks like a new log
 * entry (log forging) or drive the terminal of whoever reads the log. Every control
 * character, and the Unicode line and paragraph separators, is written as a visible escape
 * ({@code \n}, {@code \r}, {@code \t}, {@code \u001b} …), so one message stays one line.
 */
public final class LogText {

    private LogText() {
    }

    /** The text with control characters escaped; "null" for null, as string formatting would show it. */
    public static String escape(Object value) {
        String text = String.valueOf(value);
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * A stand-in for {@code failure} whose messages (its own, its causes' and suppressed
     * ones') are escaped, with the original class names and stack traces, for logging a
     * failure whose message may quote a client or Postgres.
     */
    public static Throwable escape(Throwable failure) {
        return failure == null ? null : new Escaped(failure, 0);
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /** Prints as "OriginalClass: escaped message", with the original stack trace. */
    private static final class Escaped extends RuntimeException {

        /** A cause chain deeper than this is cut: it can only be a cycle or an attack. */
        private static final int MAX_DEPTH = 16;

        private final String className;

        Escaped(Throwable original, int depth) {
            super(original.getMessage() == null ? null : escape(original.getMessage()),
                    original.getCause() == null || depth >= MAX_DEPTH ? null
                            : new Escaped(original.getCause(), depth + 1),
                    true, true);
            this.className = original.getClass().getName();
            setStackTrace(original.getStackTrace());
            if (depth < MAX_DEPTH) {
                for (Throwable suppressed : original.getSuppressed()) {
                    addSuppressed(new Escaped(suppressed, depth + 1));
                }
            }
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? className : className + ": " + message;
        }
    }
}
