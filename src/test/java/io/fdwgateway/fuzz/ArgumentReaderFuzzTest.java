package io.fdwgateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fdwgateway.call.ArgumentReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** call.ArgumentReader: a JSON body, and query parameters (repeated names included). */
class ArgumentReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        boolean body = data.consumeBoolean();
        if (body) {
            String text = data.consumeRemainingAsString();
            Outcomes.valueOr4xx(() -> ArgumentReader.fromBody(text));
            return;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        int n = data.consumeInt(0, 8);
        for (int i = 0; i < n; i++) {
            query.computeIfAbsent(data.consumeString(32), k -> new ArrayList<>()).add(data.consumeString(64));
        }
        Outcomes.valueOr4xx(() -> ArgumentReader.fromQuery(query));
    }
}
