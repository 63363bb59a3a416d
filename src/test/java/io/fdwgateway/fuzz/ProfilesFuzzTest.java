package io.fdwgateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.http.Profiles;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes the profile headers ({@code Accept-Profile}, {@code Content-Profile}): the first line of
 * the input lists the exposed schemas (comma-separated), the other lines are the header's
 * fields. Every input names an exposed schema, names none, or is refused with 406
 * {@code GW406-profile}.
 */
class ProfilesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void profile(byte[] input) {
        List<String> lines = FuzzOutcomes.fields(input);
        List<String> exposed = List.of(lines.get(0).split(",", -1));
        List<String> fields = lines.subList(1, lines.size());
        Optional<String> chosen;
        try {
            chosen = Profiles.choose(fields, exposed);
        } catch (GatewayException e) {
            FuzzOutcomes.expectRefusal(e, 406, ErrorCode.PROFILE);
            return;
        }
        if (chosen.isPresent() && !exposed.contains(chosen.get())) {
            throw new AssertionError("a profile outside the exposed schemas was chosen: " + chosen.get());
        }
        if (chosen.isEmpty() && !fields.isEmpty()) {
            throw new AssertionError("a profile header was ignored");
        }
    }
}
