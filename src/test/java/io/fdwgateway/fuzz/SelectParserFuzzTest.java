package io.fdwgateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fdwgateway.shape.SelectParser;
import io.fdwgateway.shape.Media;
import java.util.List;
import java.util.Map;

/** shape.SelectParser, alone and through the catalog check and the SQL it plans. */
class SelectParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        Outcomes.valueOr4xx(() -> SelectParser.parse(value));
        Outcomes.valueOr4xx(() -> Outcomes.plan(Map.of("select", List.of(value)), null, null, List.of(Media.CSV)));
    }
}
