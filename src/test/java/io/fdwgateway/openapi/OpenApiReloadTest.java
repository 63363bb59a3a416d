package io.fdwgateway.openapi;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.fdwgateway.support.Contract;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DDL reaches the document without a restart: the reference database's event trigger
 * notifies the gateway, the schema cache reloads, and /q/openapi follows. Also covers the
 * type mappings the reference database has no example of: enums, domains, varchar(n).
 */
@QuarkusTest
class OpenApiReloadTest {

    private static final String PATH = "/rpc/openapi_probe";

    @AfterEach
    void dropProbe() {
        Superuser.execute("""
                drop function if exists public.openapi_probe(public.openapi_probe_mood, public.openapi_probe_score);
                drop domain if exists public.openapi_probe_score;
                drop type if exists public.openapi_probe_mood;
                """);
        awaitDocument(d -> d.get("paths.'" + PATH + "'") == null);
    }

    @Test
    void aNewFunctionAppearsTypedAndDisappearsWhenDropped() {
        Superuser.execute("""
                create type public.openapi_probe_mood as enum ('sad', 'ok', 'happy');
                create domain public.openapi_probe_score as int check (value between 0 and 10);
                create function public.openapi_probe(mood public.openapi_probe_mood,
                                                     score public.openapi_probe_score default 5)
                returns table (mood public.openapi_probe_mood, score public.openapi_probe_score, note varchar(12))
                language sql stable security definer set search_path = ''
                as $$ select mood, score, 'noted'::varchar(12) $$;
                comment on function public.openapi_probe is 'Probe for the OpenAPI reload test.';
                alter function public.openapi_probe owner to api_definer;
                revoke execute on function public.openapi_probe from public;
                grant execute on function public.openapi_probe to authenticated;
                """);
        JsonPath d = awaitDocument(doc -> doc.get("paths.'" + PATH + "'") != null);

        assertEquals("openapi_probe_get", d.getString("paths.'" + PATH + "'.get.operationId"));
        assertEquals("Probe for the OpenAPI reload test.", d.getString("paths.'" + PATH + "'.post.description"));
        d.setRootPath("components.schemas.openapi_probe_args");
        assertThat(d.getList("properties.mood.enum"), contains("sad", "ok", "happy"));
        assertThat(d.getList("properties.score.type"), hasItem("integer"));
        assertThat(d.getList("required"), contains("mood"));

        // the answer the gateway gives is the one the new document describes
        String token = Tokens.forSubject("alice");
        given().filter(Contract.filterFor(Contract.liveDocument())).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON).body("{\"mood\": \"happy\"}").post(PATH).then()
                .statusCode(200).body("[0].mood", equalTo("happy")).body("[0].score", equalTo(5))
                .body("[0].note", equalTo("noted"));
        // and a document with an enum that does not fit would have caught a mismatch
        String narrowed = Contract.liveDocument().replace("\"happy\"", "\"glad\"");
        assertThrows(OpenApiValidationFilter.OpenApiValidationException.class, () -> given()
                .filter(Contract.filterFor(narrowed)).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON).body("{\"mood\": \"happy\"}").post(PATH));
    }

    static JsonPath awaitDocument(Predicate<JsonPath> condition) {
        return await("the document follows the schema change").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100)).until(() -> JsonPath.from(Contract.liveDocument()), condition);
    }
}
