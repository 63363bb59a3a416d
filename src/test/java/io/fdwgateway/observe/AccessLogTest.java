package io.fdwgateway.observe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In the running gateway: one access record per request under {@code io.fdwgateway.access},
 * its fields in the MDC, and the request id in the MDC of every line logged while the request
 * is handled.
 */
@QuarkusTest
class AccessLogTest {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord ext = ExtLogRecord.wrap(record);
            if (ext.getLoggerName() != null && ext.getLoggerName().startsWith("io.fdwgateway")) {
                ext.copyMdc();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        LogContext.getLogContext().getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        LogContext.getLogContext().getLogger("").removeHandler(capture);
    }

    @Test
    void oneRecordPerRequestWithItsFieldsInTheMdc() {
        String id = Api.get(Tokens.forSubject("access-alice"), "add", Map.of("a", "1", "b", "2")).statusCode(200)
                .extract().header("X-Request-Id");
        ExtLogRecord record = accessRecord(id);
        assertEquals("add", record.getMdc("function"));
        assertEquals("GET", record.getMdc("method"));
        assertEquals("authenticated", record.getMdc("role"));
        assertEquals("access-alice", record.getMdc("sub"));
        assertEquals("200", record.getMdc("status"));
        assertNull(record.getMdc("code"));
        assertEquals("1", record.getMdc("bytes"));
        assertTrue(record.getMessage().contains("requestId=" + id + " method=GET function=add role=authenticated"
                + " sub=access-alice status=200 durationMs="), record.getMessage());
        assertEquals(1, records.stream().filter(r -> AccessLog.CATEGORY.equals(r.getLoggerName())
                && id.equals(r.getMdc("requestId"))).count(), "one record for one request");
    }

    @Test
    void everyLineLoggedDuringARequestCarriesItsId() {
        String forged = Tokens.sign(Tokens.claims(c -> { }), Tokens.otherKey("mdc"), "mdc",
                AlgorithmIdentifiers.RSA_USING_SHA256);
        String id = Api.post(forged, "whoami", Map.of()).statusCode(401).extract().header("X-Request-Id");
        accessRecord(id);
        List<ExtLogRecord> refusal = records.stream().filter(r -> r.getMessage() != null
                && r.getFormattedMessage().contains("bearer token refused") && r.getFormattedMessage().contains(id)).toList();
        assertFalse(refusal.isEmpty(), "the refusal is logged");
        refusal.forEach(r -> assertEquals(id, r.getMdc("requestId"), r.getFormattedMessage()));
        ExtLogRecord access = accessRecord(id);
        assertEquals("GW401-invalid-token", access.getMdc("code"));
        assertNull(access.getMdc("role"));

        // the next request starts with its own id, not this one's
        String next = Api.get(null, "list_plans").statusCode(200).extract().header("X-Request-Id");
        assertEquals(next, accessRecord(next).getMdc("requestId"));
        assertTrue(records.stream().filter(r -> r.getFormattedMessage().contains(next))
                .allMatch(r -> next.equals(r.getMdc("requestId"))));
    }

    @Test
    void aTraceparentSentInIsTheTraceIdLogged() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String id = Api.as(null).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/rpc/list_plans").then().statusCode(200).extract().header("X-Request-Id");
        ExtLogRecord record = accessRecord(id);
        assertEquals(traceId, record.getMdc("traceId"));
        assertTrue(record.getMessage().endsWith("traceId=" + traceId), record.getMessage());

        // without one, each request has a trace of its own
        String first = accessRecord(Api.get(null, "list_plans").statusCode(200).extract().header("X-Request-Id"))
                .getMdc("traceId");
        String second = accessRecord(Api.get(null, "list_plans").statusCode(200).extract().header("X-Request-Id"))
                .getMdc("traceId");
        assertTrue(first.matches("[0-9a-f]{32}") && !first.equals("0".repeat(32)), first);
        assertNotEquals(first, second);
    }

    @Test
    void theTraceIdIsInTheMdcOfTheRequestsOtherLines() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String forged = Tokens.sign(Tokens.claims(c -> { }), Tokens.otherKey("trace"), "trace",
                AlgorithmIdentifiers.RSA_USING_SHA256);
        String id = Api.as(forged).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/rpc/whoami").then().statusCode(401).extract().header("X-Request-Id");
        accessRecord(id);
        List<ExtLogRecord> refusal = records.stream()
                .filter(r -> r.getFormattedMessage().contains("bearer token refused") && r.getFormattedMessage().contains(id))
                .toList();
        assertFalse(refusal.isEmpty());
        refusal.forEach(r -> assertEquals(traceId, r.getMdc("traceId"), r.getFormattedMessage()));
    }

    private ExtLogRecord accessRecord(String requestId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> records.stream()
                .filter(r -> AccessLog.CATEGORY.equals(r.getLoggerName()) && requestId.equals(r.getMdc("requestId")))
                .findFirst().orElse(null), r -> r != null);
    }
}
