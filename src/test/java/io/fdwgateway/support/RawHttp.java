package io.fdwgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Requests written byte for byte on a socket, for what an HTTP client library would refuse
 * to send or would tidy up first: unnormalised paths, malformed percent-encoding, chunked
 * bodies without a length. The answer is read while the request is still being written, so
 * a server that answers early (413) and closes is seen answering.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A parsed answer; header names are lower-cased. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static URI base() {
        return URI.create(ConfigProvider.getConfig().getValue("test.url", String.class));
    }

    /** A request without a body; {@code headers} are complete lines, each ending in CRLF. */
    public static Answer send(String method, String target, String headers) {
        return send(method, target, headers, new byte[0], false);
    }

    public static Answer send(String method, String target, String headers, byte[] body, boolean chunked) {
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
                + (chunked ? "Transfer-Encoding: chunked\r\n" : body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "")
                + "\r\n";
        URI base = base();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAll(in));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (chunked) {
                    writeChunked(out, body);
                } else {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server answered early and closed: the answer is what matters
            }
            return parse(answer.get(30, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeChunked(OutputStream out, byte[] body) throws IOException {
        int chunk = 16 * 1024;
        for (int offset = 0; offset < body.length; offset += chunk) {
            int length = Math.min(chunk, body.length - offset);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, offset, length);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // a reset after the answer: keep what arrived
        }
        return bytes.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no HTTP answer: [" + text + "]");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }
}
