package io.fdwgateway.error;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static io.fdwgateway.support.Api.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Errors raised inside a function body speak of the database, not of the caller's request:
 * their messages can name private tables and quote stored values. The client gets a fixed
 * sentence, the SQLSTATE and the constraint's name; the operator finds Postgres' message in
 * the log under the request id. Messages about the caller's own arguments, and the author's
 * own RAISE, still reach the client.
 */
@QuarkusTest
class FunctionBodyErrorsTest {

    private static final String ALICE = Tokens.forSubject("alice");

    private static String requestId(ValidatableResponse r) {
        return r.extract().header("X-Request-Id");
    }

    /** The log line for this request holds Postgres' own words. */
    private static void loggedUnder(String requestId, String text) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(GatewayLog.text(), containsString("[" + requestId + "] ")));
        String line = GatewayLog.text().lines().filter(l -> l.contains("[" + requestId + "]") && l.contains("SQLSTATE"))
                .findFirst().orElseThrow();
        assertThat(line, containsString(text));
    }

    @Test
    void notNullViolationInsideTheBodyDoesNotNameThePrivateTable() {
        ValidatableResponse r = problem(post(ALICE, "add_ledger_note", Map.of()), 400, "23502")
                .body("detail", not(containsString("ledger_notes")))
                .body("detail", not(containsString("note")))
                .body("hint", nullValue());
        loggedUnder(requestId(r), "relation \"ledger_notes\"");
    }

    @Test
    void castOfAStoredForeignValueDoesNotQuoteIt() {
        ValidatableResponse r = problem(get(ALICE, "product_tier", Map.of("product", "prod_001")), 400, "22P02")
                .body(not(containsString("Entry tier")))
                .body(not(containsString("remote SQL")));
        loggedUnder(requestId(r), "Entry tier");
    }

    @Test
    void uniqueViolationNamesTheConstraintOnly() {
        String name = "user-" + UUID.randomUUID();
        post(ALICE, "claim_username", Map.of("name", name)).statusCode(204);
        problem(post(ALICE, "claim_username", Map.of("name", name)), 409, "23505")
                .body("detail", containsString("\"usernames_pkey\""))
                .body(not(containsString(name)))
                .body(not(containsString("duplicate key")));
    }

    @Test
    void errorsAboutTheCallersOwnArgumentsPassThrough() {
        problem(get(ALICE, "add", Map.of("a", "abc")), 400, "22P02")
                .body("detail", equalTo("invalid input syntax for type integer: \"abc\""));
        problem(get(ALICE, "echo_types", Map.of("i", "99999999999")), 400, "22003")
                .body("detail", containsString("99999999999"));
    }

    @Test
    void theAuthorsRaiseStillPassesThrough() {
        problem(get(ALICE, "check_quota", Map.of("amount", "500")), 400, "P0001")
                .body("detail", equalTo("quota exceeded: 500 requested, 100 allowed"))
                .body("hint", equalTo("Ask for a quota increase."));
    }

    @Test
    void aRaiseWithAnotherSqlStateIsWithheldAndLoggedOnOneLine() {
        String marker = UUID.randomUUID().toString();
        ValidatableResponse r = problem(post(ALICE, "raise_error",
                Map.of("sqlstate", "22023", "message", "stored " + marker + "\r\n2026-01-01 00:00:00,000 INFO forged")),
                400, "22023")
                .body(not(containsString(marker)))
                .body("hint", nullValue());
        loggedUnder(requestId(r), "stored " + marker + "\\r\\n2026-01-01 00:00:00,000 INFO forged");
        assertThat(GatewayLog.text().lines().filter(l -> l.startsWith("2026-01-01 00:00:00,000 INFO forged")).count(),
                equalTo(0L));
    }

    @Test
    void overloadsPostgresCannotChooseBetweenAnswer400() {
        problem(post(ALICE, "pick", Map.of("a", 1)), 400, "42725")
                .body(not(containsString("explicit type casts")))
                .body(not(containsString("pick(")));
        post(ALICE, "pick", Map.of("a", 1, "b", 2)).statusCode(200).body(equalTo("3"));
    }

    @Test
    void aReadOnlyFunctionThatWritesAnswers405WithItsVerbs() {
        problem(get(ALICE, "next_ticket"), 405, "25006").header("Allow", "GET, HEAD, POST");
        problem(post(ALICE, "next_ticket", Map.of()), 405, "25006").header("Allow", "GET, HEAD, POST");
    }
}
