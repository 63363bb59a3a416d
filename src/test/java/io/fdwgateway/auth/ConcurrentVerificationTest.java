package io.fdwgateway.auth;

import static io.fdwgateway.support.Api.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

/**
 * A burst of requests with one new token (a page load, the first calls to a new replica)
 * verifies the token once and shares the caller; a refusal is never shared: every request of a
 * burst with a bad token is verified, refused and logged on its own.
 */
@QuarkusTest
class ConcurrentVerificationTest {

    private static final int BURST = 32;

    @Inject
    VerifiedTokenCache cache;

    @Test
    void aBurstWithOneNewTokenVerifiesItOnce() throws Exception {
        String subject = "burst-" + UUID.randomUUID();
        String token = Tokens.forSubject(subject);
        long storedBefore = cache.statistics().stored();

        for (ExtractableResponse<Response> answer : burst(token)) {
            assertEquals(200, answer.statusCode(), answer::asString);
            assertEquals(subject, answer.jsonPath().getString("sub"), "each request gets the token's own claims");
        }
        assertEquals(storedBefore + 1, cache.statistics().stored(), "one verification for the whole burst");
    }

    @Test
    void aBurstWithABadTokenIsRefusedRequestByRequest() throws Exception {
        // signed with a key the issuer does not publish, under the issuer's own kid
        String forged = Tokens.sign(Tokens.claims(c -> c.setSubject("mallory")),
                Tokens.otherKey("other"), Tokens.issuerKey().getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256);
        int refusalsBefore = refusals();

        for (ExtractableResponse<Response> answer : burst(forged)) {
            assertEquals(401, answer.statusCode(), answer::asString);
            assertEquals("GW401-invalid-token", answer.jsonPath().getString("code"));
        }
        assertEquals(refusalsBefore + BURST, refusals(), "every refusal logged under its own request");
    }

    /** BURST requests to whoami with the token, released together. */
    private static List<ExtractableResponse<Response>> burst(String token) throws Exception {
        CyclicBarrier start = new CyclicBarrier(BURST);
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        try {
            List<Future<ExtractableResponse<Response>>> sent = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return get(token, "whoami").extract();
                }));
            }
            List<ExtractableResponse<Response>> answers = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int refusals() {
        Matcher m = Pattern.compile("bearer token refused \\(signature\\)").matcher(GatewayLog.text());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
