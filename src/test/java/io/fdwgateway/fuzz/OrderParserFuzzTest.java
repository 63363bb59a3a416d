package io.fdwgateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fdwgateway.shape.OrderParser;
import io.fdwgateway.shape.Media;
import java.util.List;
import java.util.Map;

/** shape.OrderParser, alone and through the catalog check and the SQL it plans. */
class OrderParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        Outcomes.valueOr4xx(() -> OrderParser.parse(value));
        Outcomes.valueOr4xx(() -> Outcomes.plan(Map.of("order", List.of(value)), null, null, List.of(Media.CSV)));
    }
}
