package io.fdwgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Connections that never finish a request, or sit idle, are closed after
 * {@code quarkus.http.idle-timeout}; connections beyond
 * {@code quarkus.http.limits.max-connections} are refused. Short values here so the test is
 * quick; the defaults are checked by {@link HttpDefaultsTest}.
 */
@QuarkusTest
@TestProfile(ConnectionLimitsTest.Tight.class)
class ConnectionLimitsTest {

    static final int IDLE_SECONDS = 3;
    static final int MAX_CONNECTIONS = 6;

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", IDLE_SECONDS + "s",
                    "quarkus.http.limits.max-connections", Integer.toString(MAX_CONNECTIONS));
        }
    }

    @Test
    void aHalfSentRequestIsDroppedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /rpc/whoami HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            assertClosedWithin(socket, IDLE_SECONDS + 10);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds >= IDLE_SECONDS - 0.5, "closed after " + seconds + " s, before the idle timeout");
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /rpc/whoami HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            assertTrue(n > 0 && new String(buffer, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            assertClosedWithin(socket, IDLE_SECONDS + 10);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                Socket socket = connect();
                // a complete request on each, so each is surely accepted and counted
                socket.getOutputStream().write("GET /rpc/whoami HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().read(new byte[4096]);
                held.add(socket);
            }
            try (Socket extra = connect()) {
                extra.getOutputStream().write("GET /rpc/whoami HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertClosedWithin(extra, 2);
            } catch (IOException refused) {
                // reset while writing: refused as well
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // a slot is free again once the held connections are gone
        RawHttp.Answer answer = retryUntilServed();
        assertEquals(200, answer.status());
    }

    private static RawHttp.Answer retryUntilServed() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return RawHttp.send("GET", "/rpc/whoami", "");
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static Socket connect() throws IOException {
        URI base = RawHttp.base();
        return new Socket(base.getHost(), base.getPort());
    }

    /** The server closes the connection (EOF or reset) before {@code seconds} pass. */
    private static void assertClosedWithin(Socket socket, int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // an answer may come first (400 for the half-sent request is fine); wait for the close
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open after " + seconds + " s");
        } catch (IOException reset) {
            // closed by a reset
        }
    }
}
