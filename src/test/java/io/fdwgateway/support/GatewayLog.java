package io.fdwgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The gateway's INFO-and-above log of this test run ({@code %test.quarkus.log.file.*}). */
public final class GatewayLog {

    private static final Path FILE = Path.of("target/gateway-test.log");

    private GatewayLog() {
    }

    /** The log's current length, so a test can look only at what it caused (the file outlives test runs). */
    public static int mark() {
        return text().length();
    }

    /** What was logged after {@code mark}. */
    public static String since(int mark) {
        String text = text();
        return text.length() < mark ? text : text.substring(mark);
    }

    public static String text() {
        try {
            return Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
