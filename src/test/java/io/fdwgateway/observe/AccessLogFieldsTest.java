package io.fdwgateway.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fdwgateway.config.AccessLogConfig.Subject;
import io.fdwgateway.error.AuthFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The access record's fields: names and order of the contract, absent values left out, the subject as configured. */
class AccessLogFieldsTest {

    private static final Observation CALL = new Observation("r-1", "GET", "add", "authenticated", "alice@example.com",
            200, null, null, 12, 3_500_000, "0af7651916cd43dd8448eb211c80319c", false);

    @Test
    void aSuccessfulCallHasEveryFieldButCode() {
        Map<String, String> fields = new AccessLog(true, Subject.PLAIN).fields(CALL);
        assertEquals(List.of("requestId", "method", "function", "role", "sub", "status", "durationMs", "bytes", "traceId"),
                List.copyOf(fields.keySet()));
        assertEquals("alice@example.com", fields.get("sub"));
        assertEquals("3.500", fields.get("durationMs"));
        assertEquals("12", fields.get("bytes"));
    }

    @Test
    void aRefusedCallHasItsCodeAndNoRoleNorSubject() {
        Observation refused = new Observation("r-2", "POST", null, null, null, 401, "GW401-invalid-token",
                AuthFailure.SIGNATURE, 200, 1_000_000, null, false);
        Map<String, String> fields = new AccessLog(true, Subject.PLAIN).fields(refused);
        assertEquals("unknown", fields.get("function"));
        assertEquals("GW401-invalid-token", fields.get("code"));
        assertFalse(fields.containsKey("role"));
        assertFalse(fields.containsKey("sub"));
        assertFalse(fields.containsKey("traceId"));
    }

    @Test
    void theSubjectCanBeHashedOrLeftOut() {
        String hashed = new AccessLog(true, Subject.HASH).fields(CALL).get("sub");
        assertEquals(32, hashed.length());
        assertEquals(AccessLog.hash("alice@example.com"), hashed, "the same subject, the same pseudonym");
        assertFalse(hashed.contains("alice"));
        assertFalse(new AccessLog(true, Subject.OMIT).fields(CALL).containsKey("sub"));
    }

    @Test
    void aSubjectCannotForgeALine() {
        Observation forged = new Observation("r-3", "GET", "add", "authenticated", "eve\nINFO fake line", 200, null,
                null, 1, 1, null, false);
        assertFalse(new AccessLog(true, Subject.PLAIN).fields(forged).get("sub").contains("\n"));
    }

    /** The duration is written as String.format's "%.3f" of the milliseconds wrote it, digit for digit. */
    @Test
    void durationIsWhatTheFormatterWrote() {
        java.util.Random random = new java.util.Random(3);
        long[] edges = {0, 1, 499, 500, 501, 999, 1_000, 1_499, 1_500, 9_500, 99_500, 999_499, 999_500, 1_000_000,
                1_234_500, 12_345_678_901L, 86_400_000_000_000L, 123_456_789_500L};
        for (long nanos : edges) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6), AccessLog.millis(nanos), "" + nanos);
        }
        for (int i = 0; i < 200_000; i++) {
            long nanos = i % 2 == 0 ? random.nextInt(5_000_000) : (long) (random.nextDouble() * 1e12);
            assertEquals(String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6), AccessLog.millis(nanos), "" + nanos);
        }
    }
}
