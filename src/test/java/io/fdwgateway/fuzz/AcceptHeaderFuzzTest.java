package io.fdwgateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fdwgateway.shape.AcceptHeader;
import io.fdwgateway.shape.Media;
import java.util.List;
import java.util.Map;

/** shape.AcceptHeader: content negotiation, and the plan for what it chose (406 when nothing fits). */
class AcceptHeaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        String accept = data.consumeRemainingAsString();
        List<Media> acceptable = AcceptHeader.acceptable(List.of(accept));
        if (!acceptable.isEmpty()) {
            Outcomes.valueOr4xx(() -> Outcomes.plan(Map.of(), null, null, acceptable));
        }
    }
}
