package io.fdwgateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fdwgateway.shape.Media;
import io.fdwgateway.shape.RangeParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** shape.RangeParser: the Range and Range-Unit headers with the limit and offset parameters. */
class RangeFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        String limit = data.consumeBoolean() ? data.consumeString(24) : null;
        String offset = data.consumeBoolean() ? data.consumeString(24) : null;
        String unit = data.consumeBoolean() ? data.consumeString(12) : null;
        String range = data.consumeRemainingAsString();
        Outcomes.valueOr4xx(() -> RangeParser.window(limit, offset, range, unit));
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (limit != null) {
            parameters.put("limit", List.of(limit));
        }
        if (offset != null) {
            parameters.put("offset", List.of(offset));
        }
        Outcomes.valueOr4xx(() -> Outcomes.plan(parameters, range, unit, List.of(Media.JSON)));
    }
}
