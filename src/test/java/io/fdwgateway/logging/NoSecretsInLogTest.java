package io.fdwgateway.logging;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

/**
 * Tokens, claim values other than {@code sub}, and argument values never reach the log at INFO
 * or above, on success or on any failure path. The log is the file the %test profile writes at INFO.
 */
@QuarkusTest
class NoSecretsInLogTest {

    @Test
    void tokensClaimsAndArgumentsStayOutOfTheLog() {
        String marker = UUID.randomUUID().toString().replace("-", "");
        // the subject is the one claim the access log may show (gateway.access-log.subject=plain)
        String sub = "sub" + UUID.randomUUID().toString().replace("-", "");
        String claim = "claim" + marker;
        String argument = "arg" + marker;
        String token = Tokens.valid(c -> {
            c.setSubject(sub);
            c.setStringClaim("tenant", claim);
        });
        String forged = Tokens.sign(Tokens.claims(c -> c.setStringClaim("tenant", claim)), Tokens.otherKey("k"), "k",
                AlgorithmIdentifiers.RSA_USING_SHA256);
        String badRole = Tokens.valid(c -> c.setStringClaim("role", "role" + marker));

        post(token, "get_stripe_products", Map.of("name_prefix", argument)).statusCode(200);
        get(token, "echo_types", Map.of("tags", "{" + argument + "}")).statusCode(200);
        post(token, "record_event", Map.of("kind", argument, "payload", Map.of("secret", argument))).statusCode(200);
        post(token, "add", Map.of("a", argument)).statusCode(400);
        post(token, "check_quota", Map.of("amount", 1000, "extra", argument)).statusCode(400);
        post(token, "lookup", Map.of("id", argument)).statusCode(400);
        post(forged, "whoami", Map.of()).statusCode(401);
        get(badRole, "whoami").statusCode(403);
        Api.as("garbage" + marker).get("/rpc/whoami").then().statusCode(401);
        String timedOut = post(token, "slow", Map.of("seconds", 3)).statusCode(504).extract().header("X-Request-Id");

        String log = GatewayLog.text();
        // the capture works: the 504 is logged at WARN under its request id
        assertThat(log, containsString(timedOut));
        for (String secret : List.of(marker, token, forged, badRole)) {
            assertThat(log, not(containsString(secret)));
        }
        assertThat("the access log names the caller", log, containsString("sub=" + sub));
    }
}
