package io.fdwgateway.compat;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.support.Contract;
import io.fdwgateway.support.Processes;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.filter.Filter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway configured for supabase-js: the API under {@code /rest/v1} ({@code quarkus.rest.path}),
 * a publishable key, two exposed schemas and CORS for a browser application. The pinned
 * {@code @supabase/supabase-js} in src/test/js drives it signed in and signed out.
 */
@QuarkusTest
@TestProfile(SupabaseClientTest.SupabaseShaped.class)
class SupabaseClientTest {

    static final String PUBLISHABLE_KEY = "sb_publishable_fdwgatewaytest0123456789";
    static final String ORIGIN = "https://app.example";

    public static class SupabaseShaped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.rest.path", "/rest/v1",
                    "gateway.auth.publishable-keys", "sb_publishable_other," + PUBLISHABLE_KEY,
                    "gateway.exposed-schemas", "public,sb_other",
                    "quarkus.http.cors.enabled", "true",
                    "quarkus.http.cors.origins", ORIGIN,
                    "quarkus.http.cors.methods", "GET,HEAD,POST,OPTIONS",
                    "quarkus.http.cors.headers", "authorization,apikey,x-client-info,content-type,accept-profile,"
                            + "content-profile,prefer,range,range-unit,idempotency-key",
                    "quarkus.http.cors.exposed-headers", "content-range,content-profile,preference-applied,"
                            + "x-request-id,retry-after,ratelimit,ratelimit-policy");
        }
    }

    private static final Logger LOG = Logger.getLogger(SupabaseClientTest.class);
    private static final Path JS = Path.of("src/test/js");
    private static final String ALICE = Tokens.forSubject("alice");

    @BeforeAll
    static void install() {
        Superuser.execute("""
                create schema sb_other;
                grant usage on schema sb_other to anon, authenticated;
                create function sb_other.sb_where() returns text language sql stable security definer
                  set search_path = '' as $$ select 'sb_other' $$;
                create function public.sb_where() returns text language sql stable security definer
                  set search_path = '' as $$ select 'public' $$;
                create function public.sb_pay() returns int language plpgsql volatile security definer
                  set search_path = '' as $$
                begin
                  raise sqlstate 'PGRST' using
                    message = '{"code":"PAY01","message":"Payment Required","details":"Quota exceeded","hint":"Upgrade your plan"}',
                    detail = '{"status":402,"headers":{"X-Powered-By":"Nerd Rage"}}';
                end $$;
                alter function sb_other.sb_where() owner to api_definer;
                alter function public.sb_where() owner to api_definer;
                alter function public.sb_pay() owner to api_definer;
                revoke execute on function sb_other.sb_where(), public.sb_where(), public.sb_pay() from public;
                grant execute on function sb_other.sb_where(), public.sb_where(), public.sb_pay() to anon, authenticated;
                """);
        Processes.Result npm = Processes.run(List.of("npm", "ci", "--no-audit", "--no-fund"), JS, Map.of(),
                Duration.ofMinutes(10));
        assertEquals(0, npm.exitCode(), npm::toString);
    }

    @AfterAll
    static void dropFixtures() {
        Superuser.execute("drop schema sb_other cascade; drop function public.sb_where(), public.sb_pay();");
    }

    @BeforeEach
    void loaded() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header("Authorization", "Bearer " + ALICE).header("Accept-Profile", "sb_other")
                        .get("/rest/v1/rpc/sb_where").then().statusCode(200));
    }

    @Test
    void supabaseJsWorksSignedInAndSignedOut() {
        Processes.Result node = Processes.run(List.of("node", "supabase-compat.mjs"), JS, Map.of(
                "GATEWAY_URL", ConfigProvider.getConfig().getValue("test.url", String.class),
                "PUBLISHABLE_KEY", PUBLISHABLE_KEY,
                "TOKEN", ALICE), Duration.ofMinutes(2));
        LOG.debug(node);
        assertThat(node.output(), not(containsString("not ok")));
        assertThat(node.output(), containsString("all checks passed"));
        assertEquals(0, node.exitCode(), node::toString);
    }

    @Test
    void theApiMovesUnderThePrefixAndTheDocumentFollows() {
        given().header("Authorization", "Bearer " + ALICE).get("/rpc/whoami").then().statusCode(404)
                .contentType("application/problem+json");
        String document = Contract.liveDocument();
        assertThat(document, containsString("\"url\" : \"/rest/v1\""));
        Filter contract = Contract.filterFor(document);
        given().filter(contract).header("Authorization", "Bearer " + ALICE).get("/rest/v1/rpc/whoami").then()
                .statusCode(200).body("sub", equalTo("alice"));
        given().get("/").then().statusCode(200).body("functions", equalTo("/rest/v1/rpc/{function}"));
    }

    @Test
    void aPublishableKeyIsAnAnonymousCallerAndAnyOtherBearerIsAToken() {
        for (String key : new String[] {PUBLISHABLE_KEY, "sb_publishable_other"}) {
            given().header("Authorization", "Bearer " + key).header("apikey", key).get("/rest/v1/rpc/whoami")
                    .then().statusCode(200).body("role", equalTo("anon"));
        }
        // one character off, a prefix, or the key with more after it: a token that does not verify
        for (String near : new String[] {PUBLISHABLE_KEY.substring(0, PUBLISHABLE_KEY.length() - 1) + "X",
                PUBLISHABLE_KEY.substring(0, 10), PUBLISHABLE_KEY + "0"}) {
            given().header("Authorization", "Bearer " + near).get("/rest/v1/rpc/whoami").then().statusCode(401)
                    .body("code", equalTo(ErrorCode.INVALID_TOKEN));
        }
    }

    @Test
    void corsPreflightAllowsWhatSupabaseJsSends() {
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,apikey,x-client-info,content-type,content-profile,prefer")
                .options("/rest/v1/rpc/whoami").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Allow-Headers", containsString("x-client-info"))
                .header("Access-Control-Allow-Headers", containsString("apikey"));
        given().header("Origin", ORIGIN).header("Authorization", "Bearer " + ALICE).get("/rest/v1/rpc/whoami")
                .then().statusCode(200).header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("content-profile"));
        // another origin gets no CORS grant
        given().header("Origin", "https://evil.example").header("Authorization", "Bearer " + ALICE)
                .get("/rest/v1/rpc/whoami").then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
