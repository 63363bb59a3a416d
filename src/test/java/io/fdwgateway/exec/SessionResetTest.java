package io.fdwgateway.exec;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.dev.Jdbc;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A pooled session serves one caller after another. Whatever a function leaves in it, a
 * session setting, the time zone, a session advisory lock, a temporary table, must be gone
 * before the next caller gets it. With a pool of one connection, every call below runs on
 * the same backend, and the test checks that it does.
 */
@QuarkusTest
@TestProfile(OneConnectionProfile.class)
class SessionResetTest {

    private static final String MALLORY = Tokens.forSubject("mallory");

    private static JsonPath sessionAsSeenBy(String sub) {
        return get(Tokens.forSubject(sub), "session_state").statusCode(200).extract().jsonPath();
    }

    @Test
    void settingsAndAdvisoryLocksDoNotReachLaterCallers() throws Exception {
        JsonPath before = sessionAsSeenBy("first");
        String secret = "left-by-mallory-" + UUID.randomUUID();

        get(MALLORY, "leave_session_state", Map.of("value", secret)).statusCode(200);

        for (int i = 0; i < 20; i++) {
            JsonPath seen = sessionAsSeenBy("caller" + i);
            assertEquals(before.getInt("backend"), seen.getInt("backend"), "the calls share one session");
            assertNotEquals(secret, seen.getString("left_behind"), "caller " + i + " saw mallory's setting");
            assertEquals(before.getString("time_zone"), seen.getString("time_zone"), "caller " + i);
            assertEquals(0, seen.getInt("advisory_locks"), "caller " + i + " holds mallory's advisory lock");
        }
        // and the lock is free for everyone else, not held by an idle pooled session
        try (Connection c = Jdbc.connect(DevEnvironment.gatewayDatabaseAdminUrl()); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("select pg_try_advisory_lock(4242)");
            rs.next();
            assertTrue(rs.getBoolean(1), "advisory lock 4242 is still held after the call");
            st.execute("select pg_advisory_unlock(4242)");
        }
    }

    @Test
    void temporaryTablesDoNotReachLaterCallers() {
        int backend = sessionAsSeenBy("first").getInt("backend");

        post(MALLORY, "leave_temp_table", Map.of("value", "secret")).statusCode(204);

        for (int i = 0; i < 20; i++) {
            JsonPath seen = sessionAsSeenBy("caller" + i);
            assertEquals(backend, seen.getInt("backend"), "the calls share one session");
            assertEquals(0, seen.getInt("temp_tables"), "caller " + i + " got mallory's temporary table");
        }
    }
}
