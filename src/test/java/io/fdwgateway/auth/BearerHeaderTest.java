package io.fdwgateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerHeaderTest {

    /** The rule as it was written before: the loop must accept exactly what this accepts. */
    private static final Pattern RULE = Pattern.compile("(?i)Bearer ([A-Za-z0-9._~+/=-]+)");

    private static String byRule(String header) {
        Matcher m = RULE.matcher(header);
        return m.matches() ? m.group(1) : null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc", "bearer abc", "BEARER a.b_c~d+e/f=g-h", "BeArEr 0"})
    void readsTheToken(String header) {
        assertEquals(header.substring(7), BearerHeader.token(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer  abc", "Basic abc", "Bearer ab c", "Bearer abc\u00e9",
        "Bearér abc", "Bearer\tabc", "Bearer abc ", " Bearer abc", "Bearer a\u0000", "BEARERabc", "Bearex abc"})
    void refusesAnythingElse(String header) {
        assertNull(BearerHeader.token(header));
        assertNull(byRule(header));
    }

    @Test
    void refusesNoHeader() {
        assertNull(BearerHeader.token(null));
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomHeaders() {
        Random random = new Random(15);
        String alphabet = "BEARbearxX .-_~+/=:,;\"'\t\u00e9\u212a\u017f0189Zz";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "Bearer " : random.nextBoolean() ? "bEaReR " : "");
            int n = random.nextInt(12);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String header = sb.toString();
            assertEquals(byRule(header), BearerHeader.token(header), header);
        }
    }
}
