package io.fdwgateway.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A TCP proxy in front of Postgres that can freeze a connection: once the gateway sends a
 * message containing the marker, nothing Postgres sends on that connection reaches the
 * gateway any more, as on a network path that silently stopped delivering. Other and later
 * connections (a cancel request, the replacement connection) pass normally.
 */
final class FreezingProxy implements AutoCloseable, Consumer<String> {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile byte[] marker;

    FreezingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "freezing-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Freezes the next connection that carries this marker (null: freeze nothing). */
    @Override
    public void accept(String freezeOn) {
        marker = freezeOn == null ? null : freezeOn.getBytes(StandardCharsets.UTF_8);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                AtomicBoolean frozen = new AtomicBoolean();
                pump(client, upstream, frozen, true);
                pump(upstream, client, frozen, false);
            } catch (IOException e) {
                // closed, or Postgres refused: the gateway sees its connection fail
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean frozen, boolean fromGateway) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    byte[] m = marker;
                    if (fromGateway && m != null && contains(buffer, n, m)) {
                        marker = null;
                        frozen.set(true);
                    }
                    if (fromGateway || !frozen.get()) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // either side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "freezing-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(this::closeQuietly);
    }
}
