package io.fdwgateway.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.fdwgateway.support.Contract;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.filter.Filter;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code gateway.exposed-schemas=public,shadow}, a name belongs to the first schema that
 * has a routine of that name, served or not. When that routine is withheld by the posture
 * audit, is an invoker function, has an unnamed argument or is a procedure, the name answers
 * 404 and a safe function of the same name in {@code shadow} never takes its URL; the OpenAPI
 * document describes exactly the names that answer.
 */
@QuarkusTest
@TestProfile(NameResolutionTest.TwoSchemas.class)
class NameResolutionTest {

    public static class TwoSchemas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.exposed-schemas", "public,shadow");
        }
    }

    /** The public routine of each name is unserved for a different reason. */
    private static final List<String> HIDDEN = List.of("nr_withheld", "nr_invoker", "nr_unnamed", "nr_procedure");
    private static final String ALICE = Tokens.forSubject("alice");
    private static int mark;

    @BeforeAll
    static void fixtures() {
        mark = GatewayLog.mark();
        StringBuilder shadow = new StringBuilder();
        for (String name : List.of("nr_withheld", "nr_invoker", "nr_unnamed", "nr_procedure", "nr_only_shadow")) {
            shadow.append("create function shadow.").append(name)
                    .append("() returns text language sql stable security definer set search_path = ''")
                    .append(" as $$ select 'shadow' $$;\n")
                    .append("alter function shadow.").append(name).append("() owner to api_definer;\n")
                    .append("revoke execute on function shadow.").append(name).append("() from public;\n")
                    .append("grant execute on function shadow.").append(name).append("() to authenticated;\n");
        }
        Superuser.execute("""
                create schema shadow;
                grant usage on schema shadow to authenticated;
                -- withheld: no search_path of its own
                create function public.nr_withheld() returns text language sql stable security definer
                  as $$ select 'public' $$;
                alter function public.nr_withheld() owner to api_definer;
                -- not a definer function
                create function public.nr_invoker() returns text language sql stable as $$ select 'public' $$;
                -- an argument without a name cannot be passed by name
                create function public.nr_unnamed(int default 1) returns text language sql stable security definer
                  set search_path = '' as $$ select 'public' $$;
                alter function public.nr_unnamed(int) owner to api_definer;
                -- a procedure
                create procedure public.nr_procedure() language sql as $$ select 1 $$;
                revoke execute on function public.nr_withheld(), public.nr_invoker(), public.nr_unnamed(int) from public;
                grant execute on function public.nr_withheld(), public.nr_invoker(), public.nr_unnamed(int) to authenticated;
                """ + shadow);
    }

    /** The fixtures may predate the gateway's start or reach it by NOTIFY: either way, wait until they are loaded. */
    @BeforeEach
    void loaded() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header("Authorization", "Bearer " + ALICE).get("/rpc/nr_only_shadow").then().statusCode(200));
    }

    @AfterAll
    static void dropFixtures() {
        Superuser.execute("""
                drop schema shadow cascade;
                drop function public.nr_withheld(), public.nr_invoker(), public.nr_unnamed(int);
                drop procedure public.nr_procedure();
                """);
    }

    @Test
    void anUnservedFirstMatchAnswers404AndALaterSchemaNeverTakesItsUrl() {
        Filter contract = Contract.filterFor(Contract.liveDocument());
        given().filter(contract).header("Authorization", "Bearer " + ALICE).get("/rpc/nr_only_shadow").then()
                .statusCode(200).body(equalTo("\"shadow\""));
        for (String name : HIDDEN) {
            given().filter(contract).header("Authorization", "Bearer " + ALICE).get("/rpc/" + name).then()
                    .statusCode(404).contentType("application/problem+json").body("code", equalTo("GW404"))
                    .body(not(containsString("shadow")));
            given().filter(contract).header("Authorization", "Bearer " + ALICE).contentType("application/json")
                    .body("{}").post("/rpc/" + name).then().statusCode(404);
        }
    }

    @Test
    void theDocumentDescribesExactlyWhatAnUnprofiledRequestReaches() {
        JsonPath document = JsonPath.from(Contract.liveDocument());
        Set<String> paths = document.getMap("paths").keySet().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(paths, hasItem("/rpc/nr_only_shadow"));
        for (String name : HIDDEN) {
            assertThat(paths, not(hasItem("/rpc/" + name)));
        }
    }

    @Test
    void theLogSaysWhyTheLaterFunctionIsNotServed() {
        String log = GatewayLog.since(mark);
        assertThat(log, containsString("not serving shadow.nr_withheld(): an earlier schema of gateway.exposed-schemas"
                + " has a routine named nr_withheld that is not served, so that name answers 404"));
        assertThat(log, containsString("not serving public.nr_withheld() [definer-search-path-unpinned]"));
    }
}
