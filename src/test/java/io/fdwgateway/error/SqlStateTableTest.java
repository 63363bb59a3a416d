package io.fdwgateway.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlStateTableTest {

    private static GatewayError map(String state, String message, String hint, boolean authenticated) {
        return SqlStateTable.map(new DatabaseFailure(state, message, hint), new SqlStateTable.CallerContext(authenticated));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "P0001, 400", "22P02, 400", "22001, 400", "23502, 400", "23514, 400",
        "23505, 409", "23503, 409",
        "42883, 404", "42P01, 404",
        "25006, 405",
        "57014, 504",
        "HV000, 502", "HV00N, 502", "08001, 502", "08006, 502",
        "53300, 503", "53200, 503", "57P01, 503", "57P03, 503", "40001, 503", "40P01, 503",
        "54000, 413",
        "XX000, 500", "42P17, 500", "0A000, 500", "P0002, 500", "'', 500"
    })
    void mapsEachRow(String state, int status) {
        assertEquals(status, map(state, "msg", null, true).status());
    }

    @Test
    void insufficientPrivilegeDependsOnAuthentication() {
        assertEquals(403, map("42501", "permission denied for function f", null, true).status());
        GatewayError anon = map("42501", "permission denied for function f", null, false);
        assertEquals(401, anon.status());
        assertEquals("Bearer", anon.headers().get("WWW-Authenticate"));
    }

    @Test
    void raisedMessagesAndHintsPassThrough() {
        GatewayError e = map("P0001", "quota exceeded", "ask for more", true);
        assertEquals("quota exceeded", e.detail());
        assertEquals("ask for more", e.hint());
        assertEquals("P0001", e.code());
    }

    @Test
    void upstreamAndInternalMessagesDoNotPassThrough() {
        String secret = "could not connect to server \"stripe\": host=10.0.0.5 port=5432 password=hunter2";
        for (String state : new String[] {"08001", "HV00N", "XX000", "57014", "53300", "42501"}) {
            GatewayError e = map(state, secret, "hint with host=10.0.0.5", true);
            assertFalse(e.detail().contains("10.0.0.5"), state);
            assertNull(e.hint(), state);
        }
    }

    @Test
    void unavailableCarriesRetryAfter() {
        assertTrue(map("53300", "too many connections", null, true).headers().containsKey("Retry-After"));
    }

    @Test
    void vanishedFunctionIsIndistinguishableFromUnknown() {
        GatewayError e = map("42883", "function public.gone() does not exist", null, true);
        assertEquals(new GatewayError.NotFound().code(), e.code());
        assertEquals(new GatewayError.NotFound().detail(), e.detail());
    }
}
