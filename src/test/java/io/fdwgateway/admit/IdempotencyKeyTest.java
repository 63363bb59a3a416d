package io.fdwgateway.admit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fdwgateway.error.GatewayException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key header, and what makes two calls the same call. */
class IdempotencyKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void refused(String... values) {
        GatewayException e = assertThrows(GatewayException.class, () -> IdempotencyKey.parse(List.of(values)),
                () -> Arrays.toString(values));
        assertEquals(400, e.error().status());
        assertEquals("GW400-idempotency-key", e.error().code());
        for (String value : values) {
            assertFalse(value.length() > 3 && e.error().detail().contains(value), "the key is not echoed");
        }
    }

    @Test
    void aStructuredFieldStringAndStripesBareFormAreTheSameKey() {
        assertEquals(Optional.of("8e03978e-40d5-43e8-bc93-6894a57f9324"),
                IdempotencyKey.parse(List.of("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")));
        assertEquals(Optional.of("8e03978e-40d5-43e8-bc93-6894a57f9324"),
                IdempotencyKey.parse(List.of(" 8e03978e-40d5-43e8-bc93-6894a57f9324 ")));
        assertEquals(Optional.of("a \"quoted\" \\ key"), IdempotencyKey.parse(List.of("\"a \\\"quoted\\\" \\\\ key\"")));
        assertEquals(Optional.empty(), IdempotencyKey.parse(List.of()));
    }

    @Test
    void keysUpTo255CharactersAreAcceptedAndLongerOnesRefused() {
        assertEquals(255, IdempotencyKey.parse(List.of("k".repeat(255))).orElseThrow().length());
        assertEquals(255, IdempotencyKey.parse(List.of("\"" + "k".repeat(255) + "\"")).orElseThrow().length());
        refused("k".repeat(256));
        refused("\"" + "k".repeat(256) + "\"");
    }

    @Test
    void repeatedEmptyMalformedAndNonAsciiKeysAreRefused() {
        refused("one", "two");
        refused("");
        refused("\"\"");
        refused("\"unterminated");
        refused("\"two\" \"strings\"");
        refused("\"bad \\n escape\"");
        refused("with space");
        refused("caf\u00e9");
        refused("\"caf\u00e9\"");
        refused("tab\there");
    }

    @Test
    void theFingerprintIgnoresMemberOrderButNotValuesRoleOrFunction() throws Exception {
        byte[] a = Fingerprint.of("public.f(int, int)", "authenticated", JSON.readTree("{\"a\":1,\"b\":{\"x\":[1,{\"p\":1,\"q\":2}],\"y\":null}}"));
        byte[] b = Fingerprint.of("public.f(int, int)", "authenticated", JSON.readTree("{\"b\":{\"y\":null,\"x\":[1,{\"q\":2,\"p\":1}]},\"a\":1}"));
        assertArrayEquals(a, b);
        assertEquals(32, a.length);
        List<byte[]> others = List.of(
                Fingerprint.of("public.f(int, int)", "authenticated", JSON.readTree("{\"a\":2,\"b\":{\"x\":[1,{\"p\":1,\"q\":2}],\"y\":null}}")),
                Fingerprint.of("public.f(int, int)", "authenticated", JSON.readTree("{\"a\":1,\"b\":{\"x\":[{\"p\":1,\"q\":2},1],\"y\":null}}")),
                Fingerprint.of("public.f(int, int)", "authenticated", JSON.readTree("{\"a\":\"1\",\"b\":{\"x\":[1,{\"p\":1,\"q\":2}],\"y\":null}}")),
                Fingerprint.of("public.f(int, int)", "service_role", JSON.readTree("{\"a\":1,\"b\":{\"x\":[1,{\"p\":1,\"q\":2}],\"y\":null}}")),
                Fingerprint.of("public.g(int, int)", "authenticated", JSON.readTree("{\"a\":1,\"b\":{\"x\":[1,{\"p\":1,\"q\":2}],\"y\":null}}")));
        for (byte[] other : others) {
            assertFalse(Arrays.equals(a, other));
        }
        assertArrayEquals(Fingerprint.of("public.f()", "anon", null), Fingerprint.of("public.f()", "anon", JSON.readTree("{}")),
                "no arguments and an empty object are one call");
        assertTrue(!Arrays.equals(Fingerprint.of("ab", "c", null), Fingerprint.of("a", "bc", null)),
                "parts are delimited");
    }
}
