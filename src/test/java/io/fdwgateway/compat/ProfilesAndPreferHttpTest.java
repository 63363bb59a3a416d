package io.fdwgateway.compat;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.support.Api;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema profiles over two exposed schemas ({@code public, prof_b}) and the {@code Prefer}
 * header: {@code Accept-Profile} / {@code Content-Profile} choose the schema, an unknown one
 * answers 406, answers name their schema; {@code tx=rollback} runs the call and keeps nothing,
 * and {@code Preference-Applied} says so.
 */
@QuarkusTest
@TestProfile(ProfilesAndPreferHttpTest.TwoSchemasWithRollback.class)
class ProfilesAndPreferHttpTest {

    public static class TwoSchemasWithRollback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.exposed-schemas", "public,prof_b", "gateway.allow-tx-rollback", "true");
        }
    }

    private static final String ALICE = Tokens.forSubject("alice");

    @BeforeAll
    static void fixtures() {
        Superuser.execute("""
                create schema prof_b;
                grant usage on schema prof_b to authenticated, api_definer;
                create table prof_b.writes (n int);
                create function public.prof_where() returns text language sql stable security definer
                  set search_path = '' as $$ select 'public' $$;
                create function prof_b.prof_where() returns text language sql stable security definer
                  set search_path = '' as $$ select 'prof_b' $$;
                create function prof_b.prof_write(n int) returns bigint language sql volatile security definer
                  set search_path = '' as $$
                    insert into prof_b.writes values (n);
                    select pg_catalog.count(*) from prof_b.writes $$;
                create function prof_b.prof_writes() returns bigint language sql stable security definer
                  set search_path = '' as $$ select pg_catalog.count(*) from prof_b.writes $$;
                alter function public.prof_where() owner to api_definer;
                alter function prof_b.prof_where() owner to api_definer;
                alter function prof_b.prof_write(int) owner to api_definer;
                alter function prof_b.prof_writes() owner to api_definer;
                alter table prof_b.writes owner to api_definer;
                revoke execute on function public.prof_where(), prof_b.prof_where(), prof_b.prof_write(int),
                  prof_b.prof_writes() from public;
                grant execute on function public.prof_where(), prof_b.prof_where(), prof_b.prof_write(int),
                  prof_b.prof_writes() to authenticated;
                """);
    }

    @AfterAll
    static void dropFixtures() {
        Superuser.execute("drop schema prof_b cascade; drop function public.prof_where();");
    }

    @BeforeEach
    void loaded() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                Api.get(ALICE, "prof_writes").statusCode(200));
    }

    @Test
    void withoutAProfileTheFirstSchemaWithTheNameAnswersAndSaysSo() {
        Api.get(ALICE, "prof_where").statusCode(200).body(equalTo("\"public\"")).header("Content-Profile", "public");
        Api.get(ALICE, "prof_writes").statusCode(200).header("Content-Profile", "prof_b");
    }

    @Test
    void acceptProfileChoosesTheSchemaForGetAndHead() {
        Api.as(ALICE).header("Accept-Profile", "prof_b").get("/rpc/prof_where").then()
                .statusCode(200).body(equalTo("\"prof_b\"")).header("Content-Profile", "prof_b");
        Api.as(ALICE).header("Accept-Profile", "prof_b").head("/rpc/prof_where").then()
                .statusCode(200).header("Content-Profile", "prof_b");
        Api.as(ALICE).header("Accept-Profile", "public").get("/rpc/prof_where").then()
                .statusCode(200).body(equalTo("\"public\""));
        // a function only prof_b has is not found through the public profile
        Api.problem(Api.as(ALICE).header("Accept-Profile", "public").get("/rpc/prof_writes").then(), 404,
                ErrorCode.FUNCTION_NOT_FOUND);
    }

    @Test
    void contentProfileChoosesTheSchemaForPost() {
        Api.as(ALICE).header("Content-Profile", "prof_b").contentType(ContentType.JSON).body("{}")
                .post("/rpc/prof_where").then().statusCode(200).body(equalTo("\"prof_b\""));
        // POST reads Content-Profile, not Accept-Profile
        Api.as(ALICE).header("Accept-Profile", "prof_b").contentType(ContentType.JSON).body("{}")
                .post("/rpc/prof_where").then().statusCode(200).body(equalTo("\"public\""));
    }

    @Test
    void aSchemaOutsideTheExposedOnesAnswers406() {
        for (String bad : new String[] {"pg_catalog", "stripe", "PROF_B", "", "prof_b,public", "\"prof_b\""}) {
            Api.problem(Api.as(ALICE).header("Accept-Profile", bad).get("/rpc/prof_where").then(), 406,
                            ErrorCode.PROFILE)
                    .body("detail", equalTo("The schema must be one of the following: public, prof_b."));
            Api.problem(Api.as(ALICE).header("Content-Profile", bad).contentType(ContentType.JSON).body("{}")
                    .post("/rpc/prof_where").then(), 406, ErrorCode.PROFILE);
        }
        // before authentication: no token needed to learn the profile is wrong, and no 500 for a repeated header
        Api.problem(Api.as(null).header("Accept-Profile", "public").header("Accept-Profile", "prof_b")
                .get("/rpc/prof_where").then(), 406, ErrorCode.PROFILE);
    }

    @Test
    void theOpenApiDocumentHasOneVersionPerProfileAndDescribesTheHeaders() {
        io.restassured.path.json.JsonPath unprofiled = io.restassured.path.json.JsonPath.from(
                io.restassured.RestAssured.given().header("Authorization", "Bearer " + ALICE)
                        .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        org.hamcrest.MatcherAssert.assertThat(unprofiled.getMap("paths").keySet(),
                org.hamcrest.Matchers.hasItems("/rpc/prof_where", "/rpc/prof_writes", "/rpc/list_plans"));
        org.hamcrest.MatcherAssert.assertThat(unprofiled.getString(
                "paths.'/rpc/prof_where'.get.parameters.find { it.name == 'Accept-Profile' }.schema.enum"),
                equalTo("[public, prof_b]"));
        org.hamcrest.MatcherAssert.assertThat(unprofiled.getString(
                "paths.'/rpc/prof_write'.post.parameters.find { it.name == 'Content-Profile' }.in"), equalTo("header"));
        io.restassured.path.json.JsonPath profiled = io.restassured.path.json.JsonPath.from(
                io.restassured.RestAssured.given().header("Authorization", "Bearer " + ALICE)
                        .header("Accept-Profile", "prof_b").queryParam("format", "json").get("/q/openapi").then()
                        .statusCode(200).extract().asString());
        org.hamcrest.MatcherAssert.assertThat(profiled.getMap("paths").keySet(),
                org.hamcrest.Matchers.containsInAnyOrder("/rpc/prof_where", "/rpc/prof_write", "/rpc/prof_writes"));
        io.restassured.path.json.JsonPath publicOnly = io.restassured.path.json.JsonPath.from(
                io.restassured.RestAssured.given().header("Authorization", "Bearer " + ALICE)
                        .header("Accept-Profile", "public").queryParam("format", "json").get("/q/openapi").then()
                        .statusCode(200).extract().asString());
        org.hamcrest.MatcherAssert.assertThat(publicOnly.getMap("paths").keySet(),
                not(org.hamcrest.Matchers.hasItem("/rpc/prof_writes")));
        Api.problem(io.restassured.RestAssured.given().header("Accept-Profile", "stripe").get("/q/openapi").then(),
                406, ErrorCode.PROFILE);
    }

    @Test
    void txRollbackRunsTheCallAndKeepsNothing() {
        long before = Long.parseLong(Api.get(ALICE, "prof_writes").statusCode(200).extract().asString());
        Api.as(ALICE).header("Prefer", "tx=rollback").contentType(ContentType.JSON).body(Map.of("n", 1))
                .post("/rpc/prof_write").then().statusCode(200).body(equalTo(Long.toString(before + 1)))
                .header("Preference-Applied", "tx=rollback");
        Api.get(ALICE, "prof_writes").statusCode(200).body(equalTo(Long.toString(before)));
        Api.as(ALICE).header("Prefer", "tx=commit, handling=strict").contentType(ContentType.JSON)
                .body(Map.of("n", 1)).post("/rpc/prof_write").then().statusCode(200)
                .header("Preference-Applied", "tx=commit, handling=strict");
        Api.get(ALICE, "prof_writes").statusCode(200).body(equalTo(Long.toString(before + 1)));
    }

    @Test
    void preferencesOutsidePostgrestsAreIgnoredUnlessStrict() {
        Api.as(ALICE).header("Prefer", "timezone=UTC, count=sometimes").get("/rpc/prof_where").then()
                .statusCode(200).header("Preference-Applied", nullValue());
        Api.problem(Api.as(ALICE).header("Prefer", "handling=strict, timezone=UTC").get("/rpc/prof_where").then(),
                400, ErrorCode.INVALID_PREFER).body("detail", containsString("timezone=UTC"));
        Api.problem(Api.as(ALICE).header("Prefer", "handling=strict").header("Prefer", "tx=\u00e9\u0001")
                .get("/rpc/prof_where").then(), 400, ErrorCode.INVALID_PREFER)
                .body("detail", not(containsString("\u0001")));
    }
}
