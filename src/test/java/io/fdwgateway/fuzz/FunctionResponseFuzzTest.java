package io.fdwgateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fdwgateway.call.FunctionResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzzes the reading of a function's {@code response.status} (first line) and
 * {@code response.headers} (the rest): every input gives a status from 200 to 599 and headers a
 * function may set, or is the author's mistake ({@link FunctionResponse.InvalidSetting}).
 */
class FunctionResponseFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void response(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String status = newline < 0 ? text : text.substring(0, newline);
        String headers = newline < 0 ? "" : text.substring(newline + 1);
        FunctionResponse read;
        try {
            read = FunctionResponse.of(status, headers, name -> { });
        } catch (FunctionResponse.InvalidSetting e) {
            return;
        }
        read.status().ifPresent(code -> {
            if (code < 200 || code > 599) {
                throw new AssertionError("status out of range: " + code);
            }
        });
        for (Map.Entry<String, String> header : read.headers()) {
            if (!FunctionResponse.allowed(header.getKey(), header.getValue())) {
                throw new AssertionError("a refused header was kept: " + header.getKey());
            }
            String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("content-length") || name.equals("transfer-encoding") || name.equals("connection")) {
                throw new AssertionError("a framing header was kept: " + header.getKey());
            }
        }
    }
}
