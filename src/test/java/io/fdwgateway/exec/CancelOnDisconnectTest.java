package io.fdwgateway.exec;

import static io.fdwgateway.support.Api.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.support.Database;
import io.fdwgateway.support.RawHttp;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up mid-call gets its statement cancelled at once, not at the statement
 * timeout: pg_stat_activity shows the query gone within a second, and the pool's only
 * connection serves the next call, the same backend (returned to the pool, not closed).
 */
@QuarkusTest
@TestProfile(CancelOnDisconnectTest.Profile.class)
class CancelOnDisconnectTest {

    private static final String ALICE = Tokens.forSubject("alice");
    private static final String RUNNING = "select count(*) from pg_stat_activity where state = 'active'"
            + " and query like '%\"slow\"(%' and pid <> pg_backend_pid()";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // one connection, so the next call proves it went back to the pool; a timeout far away
            return Map.of("quarkus.datasource.reactive.max-size", "1", "gateway.statement-timeout", "60s",
                    "quarkus.http.idle-timeout", "120s");
        }
    }

    @Test
    void aClientThatHangsUpHasItsQueryCancelled() throws Exception {
        int backend = get(ALICE, "session_state").statusCode(200).extract().path("backend");
        URI base = RawHttp.base();
        try (Socket client = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = client.getOutputStream();
            out.write(("GET /rpc/slow?seconds=50 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ALICE
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await("the slow call runs").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Database.count(RUNNING) == 1);
        }
        // the socket is closed here
        await("the query is cancelled").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> Database.count(RUNNING) == 0);

        await("the connection is back in the pool").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> get(ALICE, "session_state").statusCode(200).body("backend", equalTo(backend)));
        assertEquals(0, Database.count("select count(*) from pg_stat_activity where state like 'idle in transaction%'"
                + " and pid = ?", backend), "the transaction ended");
    }
}
