package io.fdwgateway.compat;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Items 2 to 4 of PostgREST compatibility against the embedded Postgres: {@code response.status}
 * and {@code response.headers}, {@code RAISE SQLSTATE 'PGRST'}, {@code request.headers} and
 * {@code request.cookies}, and {@code gateway.pre-request} (a function in a schema that is not
 * exposed).
 */
@QuarkusTest
@TestProfile(FunctionShapesResponseHttpTest.WithPreRequest.class)
class FunctionShapesResponseHttpTest {

    public static class WithPreRequest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.pre-request", "fr_hooks.pre");
        }
    }

    private static final String ALICE = Tokens.forSubject("alice");

    @BeforeAll
    static void fixtures() {
        Superuser.execute("""
                create schema fr_hooks;
                grant usage on schema fr_hooks to anon, authenticated;
                create function fr_hooks.pre() returns void language plpgsql as $$
                begin
                  case pg_catalog.current_setting('request.headers', true)::jsonb ->> 'x-pre'
                    when 'raise' then raise exception 'refused by the pre-request hook' using hint = 'say please';
                    when 'pgrst' then raise sqlstate 'PGRST' using
                      message = '{"code":"PRE1","message":"Payment required","details":"quota","hint":"pay"}',
                      detail = '{"status":402,"headers":{"X-Quota":"0"}}';
                    when 'header' then perform pg_catalog.set_config('response.headers', '[{"X-Pre":"ran"}]', true);
                    else null;
                  end case;
                end $$;
                revoke execute on function fr_hooks.pre() from public;
                grant execute on function fr_hooks.pre() to anon, authenticated;

                create function public.fr_answer() returns json language plpgsql volatile security definer
                  set search_path = '' as $$
                begin
                  perform pg_catalog.set_config('response.status', '201', true);
                  perform pg_catalog.set_config('response.headers', '[{"Cache-Control":"no-store"},'
                    || '{"Set-Cookie":"a=1"},{"Set-Cookie":"b=2"},{"Content-Length":"1"},'
                    || '{"Transfer-Encoding":"chunked"},{"Connection":"close"},{"X-Request-Id":"forged"},'
                    || '{"X-Split":"a\\r\\nX-Injected: 1"},{"Bad Name":"x"},{"Location":"/rpc/fr_answer?id=1"}]', true);
                  return '{"created":true}'::json;
                end $$;
                create function public.fr_plain() returns text language plpgsql volatile security definer
                  set search_path = '' as $$
                begin
                  perform pg_catalog.set_config('response.headers', '[{"Content-Type":"text/plain; charset=utf-8"}]', true);
                  return 'plain';
                end $$;
                create function public.fr_no_content() returns void language plpgsql volatile security definer
                  set search_path = '' as $$
                begin
                  perform pg_catalog.set_config('response.status', '202', true);
                end $$;
                create function public.fr_bad_headers() returns int language plpgsql volatile security definer
                  set search_path = '' as $$
                begin
                  perform pg_catalog.set_config('response.headers', '{"not":"an array"}', true);
                  return 1;
                end $$;
                create function public.fr_bad_status() returns int language plpgsql volatile security definer
                  set search_path = '' as $$
                begin
                  perform pg_catalog.set_config('response.status', '99', true);
                  return 1;
                end $$;
                create function public.fr_raise() returns int language plpgsql volatile security definer
                  set search_path = '' as $$
                begin
                  raise sqlstate 'PGRST' using
                    message = '{"code":"123","message":"Payment Required","details":"Quota exceeded","hint":"Upgrade your plan"}',
                    detail = '{"status":402,"headers":{"X-Powered-By":"Nerd Rage","Transfer-Encoding":"chunked","Content-Type":"text/html"}}';
                end $$;
                create function public.fr_raise_bad() returns int language plpgsql volatile security definer
                  set search_path = '' as $$
                begin
                  raise sqlstate 'PGRST' using message = 'not json', detail = '{"status":402}';
                end $$;
                create function public.fr_context() returns json language sql stable security definer
                  set search_path = '' as $$
                  select pg_catalog.json_build_object(
                    'headers', pg_catalog.current_setting('request.headers', true)::json,
                    'cookies', pg_catalog.current_setting('request.cookies', true)::json) $$;
                """ + grants("fr_answer", "fr_plain", "fr_no_content", "fr_bad_headers", "fr_bad_status", "fr_raise",
                "fr_raise_bad", "fr_context"));
    }

    private static String grants(String... functions) {
        StringBuilder sb = new StringBuilder();
        for (String f : functions) {
            sb.append("alter function public.").append(f).append("() owner to api_definer;\n")
                    .append("revoke execute on function public.").append(f).append("() from public;\n")
                    .append("grant execute on function public.").append(f).append("() to anon, authenticated;\n");
        }
        return sb.toString();
    }

    @AfterAll
    static void dropFixtures() {
        Superuser.execute("""
                drop function public.fr_answer(), public.fr_plain(), public.fr_no_content(), public.fr_bad_headers(),
                  public.fr_bad_status(), public.fr_raise(), public.fr_raise_bad(), public.fr_context();
                drop schema fr_hooks cascade;
                """);
    }

    @BeforeEach
    void loaded() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                as(ALICE).get("/rpc/fr_context").then().statusCode(200));
    }

    private static RequestSpecification as(String token) {
        RequestSpecification spec = given();
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    @Test
    void responseStatusAndHeadersAreAppliedAndFramingHeadersRefused() {
        int mark = GatewayLog.mark();
        Response response = as(ALICE).contentType("application/json").post("/rpc/fr_answer");
        response.then().statusCode(201).body("created", equalTo(true))
                .header("Cache-Control", "no-store")
                .header("Location", "/rpc/fr_answer?id=1")
                .header("Content-Length", Integer.toString("{\"created\":true}".length()))
                .header("Transfer-Encoding", nullValue())
                .header("Connection", not(equalTo("close")))
                .header("X-Request-Id", not(equalTo("forged")))
                .header("X-Injected", nullValue())
                .header("X-Split", nullValue());
        assertThat(response.headers().getValues("Set-Cookie"), hasItems("a=1", "b=2"));
        String log = GatewayLog.since(mark);
        for (String refused : new String[] {"Content-Length", "Transfer-Encoding", "Connection", "X-Request-Id",
                "X-Split", "Bad Name"}) {
            assertThat(log, containsString("set response header " + refused + ", which a function may not set"));
        }
    }

    @Test
    void aFunctionMayAnswerAnotherContentTypeOrStatus() {
        as(ALICE).contentType("application/json").post("/rpc/fr_plain").then().statusCode(200)
                .contentType("text/plain");
        as(ALICE).contentType("application/json").post("/rpc/fr_no_content").then().statusCode(202);
    }

    @Test
    void malformedResponseSettingsAreTheAuthorsMistake() {
        int mark = GatewayLog.mark();
        for (String f : new String[] {"fr_bad_headers", "fr_bad_status", "fr_raise_bad"}) {
            as(ALICE).contentType("application/json").post("/rpc/" + f).then().statusCode(500)
                    .contentType("application/problem+json").body("code", equalTo(ErrorCode.INTERNAL_ERROR));
        }
        String log = GatewayLog.since(mark);
        assertThat(log, containsString("response.headers is not a JSON array of single-key objects"));
        assertThat(log, containsString("the response status is not an HTTP status from 200 to 599"));
        assertThat(log, containsString("raised SQLSTATE PGRST that cannot be answered"));
    }

    @Test
    void raiseSqlstatePgrstAnswersWithItsStatusMembersAndHeaders() {
        as(ALICE).contentType("application/json").post("/rpc/fr_raise").then().statusCode(402)
                .contentType("application/problem+json")
                .header("X-Powered-By", "Nerd Rage")
                .header("Transfer-Encoding", nullValue())
                .body("code", equalTo("123"))
                .body("message", equalTo("Payment Required"))
                .body("detail", equalTo("Payment Required"))
                .body("details", equalTo("Quota exceeded"))
                .body("hint", equalTo("Upgrade your plan"))
                .body("status", equalTo(402))
                .body("title", equalTo("Payment Required"));
    }

    @Test
    void requestHeadersAndCookiesReachSqlWithoutCredentials() {
        as(ALICE).header("X-Custom", "one").header("X-Custom", "two").header("Cookie", "a=1; b=two")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .get("/rpc/fr_context").then().statusCode(200)
                .body("headers.'x-custom'", equalTo("one, two"))
                .body("headers.accept", equalTo("*/*"))
                .body("headers.authorization", nullValue())
                .body("headers.'proxy-authorization'", nullValue())
                .body("headers.cookie", nullValue())
                .body("cookies.a", equalTo("1"))
                .body("cookies.b", equalTo("two"));
        as(null).get("/rpc/fr_context").then().statusCode(200).body("cookies.size()", equalTo(0));
    }

    @Test
    void thePreRequestHookRunsBeforeTheCallAndItsErrorsAreMappedLikeTheCalls() {
        as(ALICE).header("X-Pre", "header").get("/rpc/fr_context").then().statusCode(200).header("X-Pre", "ran");
        as(ALICE).header("X-Pre", "raise").get("/rpc/fr_context").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("P0001"))
                .body("detail", equalTo("refused by the pre-request hook")).body("hint", equalTo("say please"));
        as(ALICE).header("X-Pre", "pgrst").get("/rpc/fr_context").then().statusCode(402)
                .header("X-Quota", "0").body("code", equalTo("PRE1"));
        // the hook runs for anonymous callers too, under their role
        as(null).header("X-Pre", "raise").get("/rpc/fr_context").then().statusCode(400);
    }
}
