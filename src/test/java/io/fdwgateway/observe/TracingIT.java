package io.fdwgateway.observe;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.PackagedGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway contacts no trace collector unless the operator turns recording on,
 * even for callers that send a sampled {@code traceparent}; once on, it exports to the
 * configured collector, and a collector that does not answer fails no call.
 */
class TracingIT {

    @Test
    void noCollectorIsContactedByDefault() throws Exception {
        try (Collector collector = new Collector()) {
            try (PackagedGateway gateway = PackagedGateway.start("tracing-off-it",
                    Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.url()))) {
                calls(gateway);
                int exit = gateway.terminate(Duration.ofSeconds(60));
                assertTrue(exit == 0 || exit == 143, "exit " + exit);
                assertEquals(0, collector.connections.get(), "no connection to the collector");
                assertThat(gateway.log(), not(containsString("\"level\":\"ERROR\"")));
            }
        }
    }

    @Test
    void aRatioAboveZeroExportsAndADeadCollectorFailsNoCall() throws Exception {
        try (Collector collector = new Collector()) {
            try (PackagedGateway gateway = PackagedGateway.start("tracing-on-it",
                    Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.url(),
                            "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "1.0",
                            "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"))) {
                calls(gateway);
                await().atMost(Duration.ofSeconds(60)).until(() -> collector.connections.get() > 0);
                calls(gateway);
                int exit = gateway.terminate(Duration.ofSeconds(60));
                assertTrue(exit == 0 || exit == 143, "exit " + exit);
            }
        }
    }

    private static void calls(PackagedGateway gateway) throws Exception {
        for (int i = 0; i < 5; i++) {
            String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
            assertEquals(200, gateway.send(gateway.request("/rpc/list_plans").header("traceparent", traceparent)
                    .GET().build()).statusCode());
        }
    }

    /** A port that accepts connections and counts them, and never answers. */
    private static final class Collector implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();

        Collector() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accepting = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket accepted = socket.accept();
                        connections.incrementAndGet();
                        accepted.close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "fake-collector");
            accepting.setDaemon(true);
            accepting.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
