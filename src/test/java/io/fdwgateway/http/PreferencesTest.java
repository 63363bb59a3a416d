package io.fdwgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    @Test
    void absentHeaderPrefersNothing() {
        assertEquals(Preferences.NONE, Preferences.parse(List.of()));
        assertEquals(Preferences.NONE, Preferences.parse(null));
        assertNull(Preferences.NONE.applied(List.of()));
    }

    @Test
    void readsPostgrestPreferencesAcrossFieldsAndCase() {
        Preferences p = Preferences.parse(List.of("count=exact, Return=Minimal", "tx=\"rollback\";x=1", " handling = strict "));
        assertEquals(Optional.of(Preferences.Count.EXACT), p.count());
        assertEquals(Optional.of(Preferences.Return.MINIMAL), p.returning());
        assertEquals(Optional.of(Preferences.Tx.ROLLBACK), p.tx());
        assertEquals(Preferences.Handling.STRICT, p.handling());
        assertTrue(p.invalid().isEmpty());
        assertEquals("count=exact, handling=strict", p.applied(List.of(Preferences.Count.EXACT.token())));
    }

    @Test
    void firstOccurrenceWins() {
        Preferences p = Preferences.parse(List.of("count=planned, count=exact", "count=estimated"));
        assertEquals(Optional.of(Preferences.Count.PLANNED), p.count());
    }

    @Test
    void lenientIgnoresWhatItDoesNotKnow() {
        Preferences p = Preferences.parse(List.of("timezone=UTC, count=bogus, ,we\u0001ird"));
        assertEquals(Preferences.Handling.LENIENT, p.handling());
        assertEquals(Optional.empty(), p.count());
        assertEquals(List.of("timezone=UTC", "count=bogus", "we?ird"), p.invalid());
        assertNull(p.applied(List.of()));
    }

    @Test
    void strictRefusesWhatItDoesNotKnow() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> Preferences.parse(List.of("handling=strict, timezone=UTC")));
        assertEquals(400, e.error().status());
        assertEquals(ErrorCode.INVALID_PREFER, e.error().code());
        assertTrue(e.error().detail().contains("timezone=UTC"), e.error().detail());
        // the order of the two does not matter
        assertThrows(GatewayException.class, () -> Preferences.parse(List.of("tx=maybe", "handling=strict")));
    }

    @Test
    void quotedCommasDoNotSplit() {
        Preferences p = Preferences.parse(List.of("x=\"a,b\\\",c\", count=exact"));
        assertEquals(Optional.of(Preferences.Count.EXACT), p.count());
        assertEquals(1, p.invalid().size());
    }

    @Test
    void tooManyPreferencesAreRefused() {
        String many = String.join(",", java.util.Collections.nCopies(Preferences.MAX_PREFERENCES + 1, "a=b"));
        GatewayException e = assertThrows(GatewayException.class, () -> Preferences.parse(List.of(many)));
        assertEquals(ErrorCode.INVALID_PREFER, e.error().code());
    }

    @Test
    void longInvalidPreferencesAreEchoedBounded() {
        Preferences p = Preferences.parse(List.of("x".repeat(5000)));
        assertTrue(p.invalid().get(0).length() < 50);
    }
}
