package io.fdwgateway.cache;

import static io.fdwgateway.cache.CacheFixtures.ALICE_A;
import static io.fdwgateway.cache.CacheFixtures.ALICE_B;
import static io.fdwgateway.cache.CacheFixtures.BOB;
import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @cache} with the memory store: hit and miss, one key per caller, vary, reload, refusals. */
@QuarkusTest
class CacheHttpTest {

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void functions() {
        CacheFixtures.create("v1");
    }

    @AfterEach
    void drop() {
        CacheFixtures.drop();
    }

    @Test
    void aRepeatedCallIsAnsweredFromTheCache() {
        double hits = count("hit");
        ExtractableResponse<Response> first = get(ALICE_A, "cached_random").statusCode(200)
                .header("Gateway-Cache", "miss").header("Age", nullValue()).extract();
        ExtractableResponse<Response> second = get(ALICE_A, "cached_random").statusCode(200)
                .header("Gateway-Cache", "hit").extract();
        assertEquals(first.path("r").toString(), second.path("r").toString());
        assertThat(Integer.parseInt(second.header("Age")), greaterThanOrEqualTo(0));
        assertEquals("application/json", second.contentType().split(";")[0]);
        // POST reaches the same function: same key
        post(ALICE_A, "cached_random", Map.of()).statusCode(200).header("Gateway-Cache", "hit")
                .body("r", equalTo(first.path("r")));
        assertEquals(hits + 2, count("hit"));
    }

    @Test
    void anotherCallerNeverGetsTheAnswer() {
        String alice = get(ALICE_A, "cached_random").statusCode(200).extract().path("r").toString();
        get(BOB, "cached_random").statusCode(200).header("Gateway-Cache", "miss").body("sub", equalTo("bob"))
                .body("r", not(equalTo(alice)));
        // the same subject with other claims is another key too: the default key holds every claim
        get(ALICE_B, "cached_random").statusCode(200).header("Gateway-Cache", "miss");
        get(null, "cached_random").statusCode(200).header("Gateway-Cache", "miss").body("sub", nullValue());
        get(null, "cached_random").statusCode(200).header("Gateway-Cache", "hit");
    }

    @Test
    void varyNarrowsTheKeyToTheNamedClaims() {
        String first = get(ALICE_A, "cached_vary").statusCode(200).header("Gateway-Cache", "miss").extract().path("r").toString();
        get(ALICE_B, "cached_vary").statusCode(200).header("Gateway-Cache", "hit").body("r", equalTo(Float.valueOf(first)));
        get(BOB, "cached_vary").statusCode(200).header("Gateway-Cache", "miss").body("sub", equalTo("bob"));
    }

    @Test
    void aReloadEmptiesTheCache() {
        get(ALICE_A, "cached_random").statusCode(200).header("Gateway-Cache", "miss").body("v", equalTo("v1"));
        get(ALICE_A, "cached_random").statusCode(200).header("Gateway-Cache", "hit");
        CacheFixtures.create("v2");
        // the new definition runs at once, but the reload its NOTIFY asks for comes a moment later:
        // until then alice may still get her old answer, after it never
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                get(ALICE_A, "cached_random").statusCode(200).header("Gateway-Cache", "miss").body("v", equalTo("v2")));
        get(ALICE_A, "cached_random").statusCode(200).header("Gateway-Cache", "hit").body("v", equalTo("v2"));
    }

    @Test
    void volatileFunctionsAndVaryThatMissesAClaimAreNeverCached() {
        for (String function : new String[] {"cached_volatile", "cached_bad_vary"}) {
            String first = post(ALICE_A, function, Map.of()).statusCode(200).header("Gateway-Cache", nullValue())
                    .extract().path("r").toString();
            String second = post(ALICE_A, function, Map.of()).statusCode(200).header("Gateway-Cache", nullValue())
                    .extract().path("r").toString();
            assertNotEquals(first, second, function);
        }
    }

    private double count(String result) {
        var counter = registry.find("gateway.cache.requests").tag("function", "cached_random").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }
}
