package io.fdwgateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.http.Preferences;
import java.util.List;

/**
 * Fuzzes the {@code Prefer} parser: every input either parses, with nothing unprintable echoed
 * back and {@code Preference-Applied} writable, or is refused with 400 {@code GW400-prefer}.
 */
class PreferencesFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void prefer(byte[] input) {
        List<String> fields = FuzzOutcomes.fields(input);
        Preferences parsed;
        try {
            parsed = Preferences.parse(fields);
        } catch (GatewayException e) {
            FuzzOutcomes.expectRefusal(e, 400, ErrorCode.INVALID_PREFER);
            return;
        }
        for (String invalid : parsed.invalid()) {
            if (invalid.codePoints().anyMatch(Character::isISOControl) || invalid.codePointCount(0, invalid.length()) > 41) {
                throw new AssertionError("an echoed preference must be printable and bounded: " + invalid);
            }
        }
        if (parsed.handling() == Preferences.Handling.STRICT && !parsed.invalid().isEmpty()) {
            throw new AssertionError("strict handling let an invalid preference through");
        }
        String applied = parsed.applied(parsed.count().map(c -> List.of(c.token())).orElse(List.of()));
        if (applied != null && applied.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new AssertionError("Preference-Applied would split the header: " + applied);
        }
    }
}
