package io.fdwgateway.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.PackagedGateway;
import io.fdwgateway.support.Tokens;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the packaged gateway with a slow call in flight: readiness goes DOWN and new calls
 * answer 503 GW503-shutting-down with Retry-After at once, the call in flight completes with
 * 200, and then the process exits.
 */
class ShutdownIT {

    @Test
    void aCallInFlightCompletesAndTheProcessExits() throws Exception {
        PackagedGateway.prepare();
        String token = Tokens.forSubject("shutdown");
        try (PackagedGateway gateway = PackagedGateway.start("shutdown-it",
                Map.of("GATEWAY_STATEMENT_TIMEOUT", "60s"))) {
            CompletableFuture<HttpResponse<String>> slow = java.net.http.HttpClient.newHttpClient().sendAsync(
                    gateway.request("/rpc/slow").header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(120))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\": 8}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // the call is in flight once Postgres runs it
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> inFlight(gateway) >= 1);

            long terminated = System.nanoTime();
            gateway.process().destroy();

            await("readiness DOWN").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> gateway.send(HttpRequest.newBuilder(URI.create(gateway.management() + "/q/health/ready"))
                            .build()).statusCode() == 503);
            HttpResponse<String> refused = await("new calls refused").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> gateway.send(gateway.request("/rpc/list_plans").GET().build()), r -> r.statusCode() == 503);
            assertEquals("GW503-shutting-down", new JsonObject(refused.body()).getString("code"));
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertTrue(slow.isDone() == false, "the slow call was still in flight");

            HttpResponse<String> answered = slow.get(60, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode(), answered::body);
            assertTrue(gateway.process().waitFor(60, TimeUnit.SECONDS), () -> "the gateway did not exit:\n" + gateway.log());
            int exit = gateway.process().exitValue();
            assertTrue(exit == 0 || exit == 143, "exit " + exit);
            assertTrue(System.nanoTime() - terminated < TimeUnit.SECONDS.toNanos(40), "within the shutdown timeout");
        }
    }

    /** Calls running now, from the gateway's own pool meter. */
    private static double inFlight(PackagedGateway gateway) throws Exception {
        String metrics = gateway.send(HttpRequest.newBuilder(URI.create(gateway.management() + "/q/metrics")).build()).body();
        return metrics.lines().filter(l -> l.startsWith("gateway_pool_in_use "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(0);
    }
}
