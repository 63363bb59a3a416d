package io.fdwgateway.logging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void lineBreaksAndControlCharactersBecomeVisibleEscapes() {
        assertEquals("a\\r\\nINFO forged\\tx", LogText.escape("a\r\nINFO forged\tx"));
        assertEquals("red \\u001b[31m bell \\u0007 nul \\u0000", LogText.escape("red \u001b[31m bell \u0007 nul \u0000"));
        assertEquals("nel \\u0085 ls \\u2028 ps \\u2029 del \\u007f", LogText.escape("nel \u0085 ls \u2028 ps \u2029 del \u007f"));
    }

    @Test
    void ordinaryTextIsUntouched() {
        String text = "quota exceeded: 500 requested, \"100\" allowed — é, 名前, \\n literal";
        assertSame(text, LogText.escape(text));
        assertEquals("null", LogText.escape((Object) null));
        assertEquals("42", LogText.escape(42));
    }

    @Test
    void aFailureKeepsItsClassAndStackButNotItsLineBreaks() {
        IOException cause = new IOException("inner\nFORGED cause");
        IllegalStateException failure = new IllegalStateException("outer\r\nFORGED", cause);
        failure.addSuppressed(new RuntimeException("suppressed\nFORGED"));
        Throwable escaped = LogText.escape(failure);

        assertEquals("java.lang.IllegalStateException: outer\\r\\nFORGED", escaped.toString());
        assertArrayEquals(failure.getStackTrace(), escaped.getStackTrace());
        assertEquals("java.io.IOException: inner\\nFORGED cause", escaped.getCause().toString());
        assertArrayEquals(cause.getStackTrace(), escaped.getCause().getStackTrace());
        assertEquals("java.lang.RuntimeException: suppressed\\nFORGED", escaped.getSuppressed()[0].toString());
        StringWriter printed = new StringWriter();
        escaped.printStackTrace(new PrintWriter(printed));
        printed.toString().lines().forEach(line -> {
            if (line.startsWith("FORGED")) {
                throw new AssertionError("a forged line: " + line);
            }
        });
        assertNull(LogText.escape((Throwable) null));
    }

    @Test
    void aMessagelessFailureShowsItsClassOnly() {
        assertEquals("java.lang.NullPointerException", LogText.escape(new NullPointerException()).toString());
    }
}
