package io.fdwgateway.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlStateTableTest {

    private static final SqlStateTable.CallerContext AUTHENTICATED = new SqlStateTable.CallerContext(true, "POST");

    private static GatewayError map(String state, String message, String hint) {
        return SqlStateTable.map(new DatabaseFailure(state, message, hint, null, false), AUTHENTICATED);
    }

    private static GatewayError fromArguments(String state, String message) {
        return SqlStateTable.map(new DatabaseFailure(state, message, null, null, true), AUTHENTICATED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "P0001, 400", "22P02, 400", "22001, 400", "23502, 400", "23514, 400",
        "23505, 409", "23503, 409",
        "42883, 404", "42P01, 404",
        "42725, 400",
        "25006, 405",
        "57014, 504",
        "HV000, 502", "HV00N, 502", "08001, 502", "08006, 502",
        "53300, 503", "53200, 503", "57P01, 503", "57P02, 503", "57P03, 503", "57P05, 503", "40001, 503", "40P01, 503",
        "54000, 413",
        "XX000, 500", "42P17, 500", "0A000, 500", "P0002, 500", "57000, 500", "'', 500"
    })
    void mapsEachRow(String state, int status) {
        GatewayError error = map(state, "msg", null);
        assertEquals(status, error.status());
        if (status != 404) {
            assertEquals(state == null ? "" : state, error.code(), "database errors carry their SQLSTATE");
        }
    }

    @Test
    void insufficientPrivilegeDependsOnAuthentication() {
        DatabaseFailure denied = new DatabaseFailure("42501", "permission denied for function f", null, null, false);
        GatewayError authenticated = SqlStateTable.map(denied, AUTHENTICATED);
        assertInstanceOf(GatewayError.Forbidden.class, authenticated);
        assertEquals("42501", authenticated.code());
        GatewayError anon = SqlStateTable.map(denied, new SqlStateTable.CallerContext(false, "POST"));
        assertInstanceOf(GatewayError.Unauthorized.class, anon);
        assertEquals(401, anon.status());
        assertEquals("Bearer", anon.headers().get("WWW-Authenticate"));
    }

    @Test
    void raisedMessagesAndHintsPassThrough() {
        GatewayError e = map("P0001", "quota exceeded", "ask for more");
        assertEquals("quota exceeded", e.detail());
        assertEquals("ask for more", e.hint());
        assertEquals("P0001", e.code());
    }

    @Test
    void upstreamAndInternalMessagesDoNotPassThrough() {
        String secret = "could not connect to server \"stripe\": host=10.0.0.5 port=5432 password=hunter2";
        for (String state : new String[] {"08001", "HV00N", "XX000", "57014", "53300", "42501", "42725", "57P01"}) {
            GatewayError e = map(state, secret, "hint with host=10.0.0.5");
            assertFalse(e.detail().contains("10.0.0.5"), state);
            assertNull(e.hint(), state);
        }
    }

    @Test
    void dataErrorsPassThroughOnlyForTheCallersOwnArguments() {
        String own = "invalid input syntax for type integer: \"abc\"";
        assertEquals(own, fromArguments("22P02", own).detail());

        String stored = "invalid input syntax for type integer: \"stored secret\"";
        for (String state : new String[] {"22P02", "22003", "23502", "23514", "23505", "23503"}) {
            GatewayError e = map(state, stored, "a hint quoting \"stored secret\"");
            assertFalse(e.detail().contains("stored secret"), state);
            assertNull(e.hint(), state);
            assertEquals(state, e.code());
        }
        GatewayError notNull = map("23502", "null value in column \"owner\" of relation \"private_ledger\"", null);
        assertFalse(notNull.detail().contains("private_ledger"));
    }

    @Test
    void bodyErrorsNameTheirConstraint() {
        GatewayError unique = SqlStateTable.map(new DatabaseFailure("23505",
                "duplicate key value violates unique constraint \"usernames_pkey\"", null, "usernames_pkey", false),
                AUTHENTICATED);
        assertEquals(409, unique.status());
        assertTrue(unique.detail().contains("\"usernames_pkey\""), unique.detail());
        GatewayError check = SqlStateTable.map(new DatabaseFailure("23514", "x", null, "amount\r\npositive", false),
                AUTHENTICATED);
        assertTrue(check.detail().contains("\"amount??positive\""), check.detail());
    }

    @Test
    void unavailableCarriesRetryAfterAndTheSqlState() {
        GatewayError e = map("53300", "too many connections", null);
        assertInstanceOf(GatewayError.Unavailable.class, e);
        assertEquals("5", e.headers().get("Retry-After"));
        assertEquals("53300", e.code());
    }

    @Test
    void readOnlyViolationCarriesTheFunctionsVerbs() {
        GatewayError e = SqlStateTable.map(new DatabaseFailure("25006", "cannot execute nextval()", null, null, false),
                new SqlStateTable.CallerContext(true, "GET, HEAD, POST"));
        assertEquals(405, e.status());
        assertEquals("25006", e.code());
        assertEquals("GET, HEAD, POST", e.headers().get("Allow"));
    }

    @Test
    void vanishedFunctionIsIndistinguishableFromUnknown() {
        GatewayError e = map("42883", "function public.gone() does not exist", null);
        assertEquals(new GatewayError.NotFound(), e);
    }
}
