package io.fdwgateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fdwgateway.shape.FilterParser;
import io.fdwgateway.shape.Media;
import java.util.List;
import java.util.Map;

/**
 * shape.FilterParser: a column filter or a logic tree ({@code or}, {@code and}, {@code not.or},
 * {@code not.and}), alone and through the catalog check and the SQL it plans.
 */
class FilterParserFuzzTest {

    private static final String[] NAMES = {"id", "name", "doc", "tags", "ok", "or", "and", "not.or", "not.and"};

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(16);
        String value = data.consumeRemainingAsString();
        Outcomes.valueOr4xx(() -> FilterParser.parameter(name, value));
        Outcomes.valueOr4xx(() -> Outcomes.plan(Map.of(name, List.of(value)), null, null,
                List.of(Media.OBJECT, Media.JSON)));
    }
}
