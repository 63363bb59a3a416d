package io.fdwgateway.auth;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.TestIssuer;
import io.fdwgateway.support.TestIssuerResource;
import io.fdwgateway.support.TestIssuerResource.InjectIssuer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A key withdrawn from the issuer's key set verifies no new token after
 * {@code gateway.auth.jwks-max-age} (3 s here), and tokens naming keys the issuer never published
 * cannot make the gateway fetch the key set once per token.
 */
@QuarkusTest
@WithTestResource(value = TestIssuerResource.class, initArgs = @ResourceArg(name = "gateway.auth.jwks-max-age", value = "3s"))
class KeyWithdrawalTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(3);
    /** Timers and requests on a loaded machine; the bound itself is MAX_AGE. */
    private static final Duration SCHEDULING_SLACK = Duration.ofSeconds(2);

    @InjectIssuer
    TestIssuer issuer;

    @Test
    void aWithdrawnKeyVerifiesNoNewTokenAfterTheMaxAge() {
        issuer.addKey("key-2");
        get(issuer.sign("key-1"), "whoami").statusCode(200);
        // A key set fetched in the last 10 s without key-2 (by the other test, say) makes the
        // unknown-kid guard refuse key-2 until that window has passed: wait for it, not race it.
        await().atMost(IdentityProviderState.UNKNOWN_KEY_REFETCH.plus(MAX_AGE).plus(SCHEDULING_SLACK))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> get(issuer.sign("key-2"), "whoami").statusCode(200));

        int mark = GatewayLog.mark();
        issuer.withdraw("key-1");
        long withdrawnAt = System.nanoTime();
        // every attempt is a new token, so the verified-token cache cannot answer for it
        await().atMost(MAX_AGE.plus(SCHEDULING_SLACK)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                problem(get(issuer.sign("key-1", c -> c.setSubject("thief-" + UUID.randomUUID())), "whoami"),
                        401, "GW401-invalid-token"));
        Duration refusedAfter = Duration.ofNanos(System.nanoTime() - withdrawnAt);
        assertTrue(refusedAfter.compareTo(MAX_AGE.plus(SCHEDULING_SLACK)) <= 0, refusedAfter.toString());
        assertTrue(GatewayLog.since(mark).contains("bearer token refused (signature)"));

        // and stays refused, while the key still published keeps working
        for (int i = 0; i < 3; i++) {
            problem(get(issuer.sign("key-1"), "whoami"), 401, "GW401-invalid-token");
        }
        get(issuer.sign("key-2", c -> c.setSubject("bob")), "whoami").statusCode(200).body("sub", equalTo("bob"));
    }

    @Test
    void madeUpKeyIdsCostTheIssuerAtMostOneKeySetFetch() {
        get(issuer.sign("key-1"), "whoami").statusCode(200);
        int before = issuer.keySetCalls();
        for (int i = 0; i < 20; i++) {
            String kid = "made-up-" + UUID.randomUUID();
            problem(get(issuer.sign(kid), "whoami"), 401, "GW401-invalid-token");
        }
        int fetches = issuer.keySetCalls() - before;
        assertTrue(fetches <= 1, fetches + " key set fetches for 20 tokens with made-up key ids");
    }
}
