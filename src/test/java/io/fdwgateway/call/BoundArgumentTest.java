package io.fdwgateway.call;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.post;
import static io.fdwgateway.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.GatewayLog;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @bind <argument> = claims.<path>}: the argument comes from the verified token, a client
 * value is refused, a missing claim answers 403 (401 without a token), and the OpenAPI document
 * does not offer the argument.
 */
@QuarkusTest
class BoundArgumentTest {

    private static final String ACME_ALICE = Tokens.valid(c -> {
        c.setSubject("alice");
        c.setClaim("app_metadata", Map.of("org", "acme"));
    });
    private static final String NO_ORG = Tokens.forSubject("bob");

    @BeforeEach
    void functions() {
        Superuser.execute("""
                create function public.bound_orders(customer text, org text, note text default '')
                returns jsonb language sql stable security definer set search_path = ''
                as $$ select pg_catalog.jsonb_build_object('customer', customer, 'org', org, 'note', note) $$;
                comment on function public.bound_orders(text, text, text) is
                  E'Orders of the calling customer.\\n@bind customer = claims.sub\\n@bind org = claims.app_metadata.org';
                create function public.bound_typo(customer text) returns text
                language sql stable security definer set search_path = '' as $$ select customer $$;
                comment on function public.bound_typo(text) is E'@bind customr = claims.sub';
                alter function public.bound_orders(text, text, text) owner to api_definer;
                alter function public.bound_typo(text) owner to api_definer;
                revoke execute on function public.bound_orders(text, text, text), public.bound_typo(text) from public;
                grant execute on function public.bound_orders(text, text, text), public.bound_typo(text) to anon, authenticated;
                """);
        Api.awaitStatus(ACME_ALICE, "bound_orders", 200);
    }

    @AfterEach
    void drop() {
        Superuser.execute("drop function if exists public.bound_orders(text, text, text), public.bound_typo(text);");
        Api.awaitStatus(ACME_ALICE, "bound_orders", 404);
    }

    @Test
    void theArgumentsComeFromTheToken() {
        post(ACME_ALICE, "bound_orders", Map.of("note", "hi")).statusCode(200)
                .body("customer", equalTo("alice")).body("org", equalTo("acme")).body("note", equalTo("hi"));
        get(ACME_ALICE, "bound_orders").statusCode(200).body("customer", equalTo("alice")).body("note", equalTo(""));
    }

    @Test
    void aClientValueForABoundArgumentIsRefused() {
        problem(post(ACME_ALICE, "bound_orders", Map.of("customer", "bob")), 400, "GW400-bound-argument")
                .body("detail", containsString("'customer'")).body("detail", not(containsString("bob")));
        problem(get(ACME_ALICE, "bound_orders", Map.of("org", "evil")), 400, "GW400-bound-argument");
    }

    @Test
    void aMissingClaimIs403AndNoTokenIs401() {
        problem(post(NO_ORG, "bound_orders", Map.of()), 403, "GW403-bound-claim")
                .body("detail", containsString("app_metadata.org"));
        problem(post(null, "bound_orders", Map.of()), 401, "GW401-missing-token");
    }

    @Test
    void theOpenApiDocumentOffersOnlyTheClientArguments() {
        JsonObject doc = new JsonObject(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        JsonObject args = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("bound_orders_args");
        assertEquals(List.of("note"), List.copyOf(args.getJsonObject("properties").fieldNames()));
        assertThat(args.getValue("required"), nullValue());
        List<Object> parameters = doc.getJsonObject("paths").getJsonObject("/rpc/bound_orders").getJsonObject("get")
                .getJsonArray("parameters").getList();
        assertEquals(1, parameters.size(), parameters::toString);
        assertThat(doc.getJsonObject("paths").getJsonObject("/rpc/bound_orders").getJsonObject("post")
                .getJsonObject("requestBody").getBoolean("required"), equalTo(false));
    }

    @Test
    void aBindNamingNoArgumentKeepsTheFunctionFromBeingServed() {
        int mark = GatewayLog.mark();
        Superuser.execute("notify fdw_gateway, 'reload'");
        problem(post(ACME_ALICE, "bound_typo", Map.of("customer", "bob")), 404, "GW404");
        Api.awaitStatus(ACME_ALICE, "bound_typo", 404);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                GatewayLog.since(mark), containsString("not serving public.bound_typo(text) [bind-directive-invalid]")));
    }
}
