package io.fdwgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** request.headers is written as Jackson (JsonObject.encode) wrote it, character for character. */
class JsonTextTest {

    private static String jackson(MultiMap headers) {
        JsonObject json = new JsonObject();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("authorization") || name.equals("proxy-authorization") || name.equals("cookie")) {
                continue;
            }
            String earlier = json.getString(name);
            json.put(name, earlier == null ? header.getValue() : earlier + ", " + header.getValue());
        }
        return json.encode();
    }

    private static String text(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(switch (random.nextInt(6)) {
                case 0 -> (char) random.nextInt(0x20);                 // control characters
                case 1 -> "\"\\/\u007f".charAt(random.nextInt(4));
                case 2 -> (char) (0x80 + random.nextInt(0x780));      // Latin-1 and beyond
                case 3 -> (char) (0xd800 + random.nextInt(0x800));    // surrogates, paired or not
                default -> (char) (0x20 + random.nextInt(0x5f));       // printable ASCII
            });
        }
        return out.toString();
    }

    @Test
    void headersAreWrittenAsJacksonWroteThem() {
        MultiMap wrk = MultiMap.caseInsensitiveMultiMap().add("Host", "127.0.0.1:18080")
                .add("Authorization", "Bearer x").add("Accept", "application/json");
        assertEquals("{\"host\":\"127.0.0.1:18080\",\"accept\":\"application/json\"}", RequestContext.headersJson(wrk));
        assertEquals(jackson(wrk), RequestContext.headersJson(wrk));

        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            int count = random.nextInt(6);
            for (int h = 0; h < count; h++) {
                // a few names, so that some repeat (joined with ", ") in different cases
                String name = random.nextInt(3) == 0 ? text(random, 1 + random.nextInt(8))
                        : new String[] {"X-Thing", "x-thing", "Accept", "Cookie", "AUTHORIZATION"}[random.nextInt(5)];
                headers.add(name, text(random, random.nextInt(12)));
            }
            assertEquals(jackson(headers), RequestContext.headersJson(headers), headers.toString());
        }
    }
}
