package io.fdwgateway.exec;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static io.fdwgateway.support.Api.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.in;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls that Postgres never answers, or answers with a fatal error on a live connection,
 * still get an answer in bounded time, and their connection is replaced rather than handed
 * to the next caller. The pool has one connection: if it leaked, the next call would fail.
 */
@QuarkusTest
@TestProfile(OneConnectionProfile.class)
class CallDeadlineTest {

    private static final String ALICE = Tokens.forSubject("alice");
    /** What the shared test machine may add to a bound before a test calls it broken. */
    private static final long SLACK_MILLIS = 5000;

    private static ServerSocket silent;
    private static final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void bound() {
        // a hung call must fail the test, not hang the build
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", (int) (OneConnectionProfile.DEADLINE_MILLIS + 4 * SLACK_MILLIS)));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        RestAssured.config = RestAssuredConfig.config();
        Superuser.execute("""
                drop function if exists public.silent_products();
                drop server if exists silent_server cascade;
                """);
        if (silent != null) {
            silent.close();
        }
        for (Socket s : accepted) {
            s.close();
        }
    }

    private static int backend() {
        return get(ALICE, "session_state").statusCode(200).extract().jsonPath().getInt("backend");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void fatalErrorOnALiveConnectionAnswers503AtOnceAndReplacesTheConnection() {
        // 57P01 admin_shutdown as an ERROR, as when a DBA terminates a parallel worker of the call
        int before = backend();
        long start = System.nanoTime();
        ValidatableResponse r = get(ALICE, "raise_error", Map.of("sqlstate", "57P01"));
        long took = millisSince(start);
        problem(r, 503, "57P01").header("Retry-After", equalTo("5"));
        assertTrue(took < OneConnectionProfile.STATEMENT_TIMEOUT_MILLIS, "answered after " + took + " ms");
        assertNotEquals(before, backend(), "the connection that received the fatal error was reused");
        get(ALICE, "add", Map.of("a", "1")).statusCode(200);
    }

    @Test
    void aDatabaseThatStopsAnsweringIsCancelledAtTheDeadline() {
        int before = backend();
        String marker = "freeze-" + UUID.randomUUID();
        OneConnectionProfile.freezeOn(marker);

        long start = System.nanoTime();
        ValidatableResponse r = get(ALICE, "lookup", Map.of("name", marker));
        long took = millisSince(start);

        problem(r, 504, "GW504-deadline");
        assertTrue(took >= OneConnectionProfile.DEADLINE_MILLIS - 100, "answered after " + took + " ms");
        assertTrue(took < OneConnectionProfile.DEADLINE_MILLIS + SLACK_MILLIS, "answered after " + took + " ms");
        // the frozen connection is closed, never reused; the pool's only slot serves the next call
        assertNotEquals(before, backend(), "the connection that missed its answer was reused");
        get(ALICE, "lookup", Map.of("name", "after")).statusCode(200).body(equalTo("\"by name after\""));
    }

    @Test
    void aForeignServerThatAcceptsAndNeverAnswersCannotHoldTheCall() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept()); // and never say a word
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-foreign-server");
        acceptor.setDaemon(true);
        acceptor.start();
        Superuser.execute("""
                create server silent_server foreign data wrapper postgres_fdw
                  options (host '127.0.0.1', port '%d', dbname 'stripe_api');
                create user mapping for api_definer server silent_server
                  options (user 'stripe_api_reader', password_required 'false');
                create foreign table stripe.silent_products (id text) server silent_server
                  options (schema_name 'public', table_name 'products');
                grant select on stripe.silent_products to api_definer;
                create function public.silent_products() returns setof text
                  language sql stable security definer set search_path = ''
                  as $$ select s.id from stripe.silent_products s $$;
                alter function public.silent_products() owner to api_definer;
                revoke execute on function public.silent_products() from public;
                grant execute on function public.silent_products() to authenticated;
                """.formatted(silent.getLocalPort()));
        // served once the schema cache has reloaded: an unknown argument then answers 400 without a call
        await().atMost(Duration.ofSeconds(30)).until(() ->
                post(ALICE, "silent_products", Map.of("x", 1)).extract().statusCode() == 400);

        long start = System.nanoTime();
        ValidatableResponse r = get(ALICE, "silent_products");
        long took = millisSince(start);

        // PostgreSQL 17 interrupts postgres_fdw's connect at the statement timeout (57014); older
        // servers cannot, and the gateway's deadline answers instead
        r.statusCode(504).body("code", in(List.of("57014", "GW504-deadline")));
        assertTrue(!accepted.isEmpty(), "Postgres never reached the silent server");
        assertTrue(took < OneConnectionProfile.DEADLINE_MILLIS + SLACK_MILLIS, "answered after " + took + " ms");
        get(ALICE, "add", Map.of("a", "1")).statusCode(200);
    }
}
