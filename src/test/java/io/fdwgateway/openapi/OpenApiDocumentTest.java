package io.fdwgateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fdwgateway.support.Contract;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live document at /q/openapi for the reference database: equal to the committed
 * openapi/openapi.yaml, and describing the served functions faithfully.
 *
 * <p>To regenerate the committed file after a change to sql/ or to the document builder:
 * {@code ./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.update=true}.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("openapi/openapi.yaml");
    /** The issuer URL differs per run (a random port); the committed file holds this instead. */
    static final String ISSUER_PLACEHOLDER = "https://issuer.example";

    private static JsonPath doc() {
        return JsonPath.from(Contract.liveDocument());
    }

    @Test
    void liveDocumentForTheReferenceDatabaseEqualsTheCommittedOne() throws Exception {
        String live = given().get("/q/openapi").then().statusCode(200).extract().asString()
                .replace(Tokens.issuer(), ISSUER_PLACEHOLDER);
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, live);
        }
        assertEquals(Files.readString(COMMITTED), live,
                "openapi/openapi.yaml is stale: regenerate it with "
                        + "./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.update=true and review the diff");
    }

    @Test
    void servedAsOpenApi31InYamlAndJsonWithSwaggerUi() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi: 3.1.0"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .contentType(ContentType.JSON).body("openapi", equalTo("3.1.0"));
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(ContentType.HTML);
    }

    @Test
    void onlyServedFunctionsAppear() {
        Map<String, Object> paths = doc().getMap("paths");
        assertThat(paths, hasKey("/rpc/get_stripe_products"));
        assertThat(paths, not(hasKey("/rpc/invoker_decoy")));
        assertThat(paths, not(hasKey("/rpc/internal_all_products")));
        assertThat(paths, not(hasKey("/rpc/notify_reload")));
        assertThat(paths, not(hasKey("/rpc/{function}")));
        paths.keySet().forEach(p -> assertThat(p, startsWith("/rpc/")));
    }

    @Test
    void stableFunctionHasGetAndPostWithStableIdsDescriptionAndTypedRows() {
        JsonPath d = doc();
        String path = "paths.'/rpc/get_stripe_products'";
        d.setRootPath(path);
        assertEquals("get_stripe_products", d.getString("post.operationId"));
        assertEquals("get_stripe_products_get", d.getString("get.operationId"));
        assertEquals("Stripe products whose name starts with name_prefix (taken literally, no wildcards).",
                d.getString("post.description"));
        assertEquals("name_prefix", d.getString("get.parameters[0].name"));
        assertEquals(true, d.getBoolean("get.parameters[0].required"));
        assertEquals("array", d.getString("get.responses.'200'.content.'application/json'.schema.type"));
        // a set's result can be shaped (select, filters, order, window, count) and sent as one object or CSV
        assertThat(d.getList("get.parameters.name"), hasItems("name_prefix", "select", "order", "limit", "offset",
                "or", "and", "id", "active", "Range", "Range-Unit", "Prefer"));
        assertThat(d.getList("post.parameters.name"), hasItems("select", "id", "Range", "Prefer"));
        assertThat(d.getMap("get.responses.'200'.content").keySet(),
                contains("application/json", "application/vnd.pgrst.object+json", "text/csv"));
        assertThat(d.getMap("get.responses").keySet(), hasItems("200", "206", "406", "416"));
        assertEquals("#/components/schemas/get_stripe_products_row",
                d.getString("get.responses.'200'.content.'application/vnd.pgrst.object+json'.schema.$ref"));
        d.setRootPath("components.schemas.get_stripe_products_row");
        assertThat(d.getList("properties.active.type"), contains("boolean", "null"));
        // every column is there unless select= names fewer
        assertThat(d.getMap("properties").keySet(), contains("id", "name", "active", "default_price", "description"));
        assertNull(d.get("required"));
        d.setRootPath("components.schemas.get_stripe_products_args");
        assertThat(d.getList("required"), contains("name_prefix"));
    }

    @Test
    void volatileFunctionIsPostOnlyAndVoidAnswers204() {
        JsonPath d = doc();
        assertNull(d.get("paths.'/rpc/record_event'.get"));
        assertEquals("record_event", d.getString("paths.'/rpc/record_event'.post.operationId"));
        assertThat(d.getMap("paths.'/rpc/log_visit'.post.responses"), hasKey("204"));
        assertThat(d.getMap("paths.'/rpc/log_visit'.post.responses"), not(hasKey("200")));
    }

    @Test
    void argumentsAreTypedFromPostgresAndDefaultsAreOptional() {
        JsonPath d = doc();
        d.setRootPath("components.schemas.echo_types_args.properties");
        assertEquals("int32", d.getString("i.format"));
        assertThat(d.getList("n.type"), hasItem("number"));
        assertEquals("date", d.getString("d.format"));
        assertEquals("date-time", d.getString("ts.format"));
        assertEquals("uuid", d.getString("u.format"));
        assertThat(d.getList("tags.items.type"), hasItem("string"));
        assertNull(d.get("doc.type"));
        assertEquals("jsonb", d.getString("doc.x-postgres-type"));
        d.setRootPath("components.schemas");
        assertNull(d.get("echo_types_args.required"));
        assertThat(d.getList("add_args.required"), contains("a"));
    }

    @Test
    void overloadsShareOnePathWithAOneOfBody() {
        JsonPath d = doc();
        assertThat(
                d.getList("paths.'/rpc/lookup'.post.requestBody.content.'application/json'.schema.oneOf.'$ref'"),
                contains("#/components/schemas/lookup_args_1", "#/components/schemas/lookup_args_2"));
        assertThat(d.getList("components.schemas.lookup_args_1.required"), contains("id"));
        assertThat(d.getList("components.schemas.lookup_args_2.required"), contains("name"));
    }

    @Test
    void resultShapesAreTyped() {
        JsonPath d = doc();
        assertEquals("#/components/schemas/stripe_summary_row",
                d.getString("paths.'/rpc/stripe_summary'.get.responses.'200'.content.'application/json'.schema.'$ref'"));
        assertThat(d.getList(
                "paths.'/rpc/product_ids'.get.responses.'200'.content.'application/json'.schema.items.type"),
                contains("string", "null"));
        assertEquals("int64", d.getString(
                "paths.'/rpc/record_event'.post.responses.'200'.content.'application/json'.schema.format"));
    }

    @Test
    void errorsAreProblemJsonWithOneSharedSchema() {
        JsonPath d = doc();
        for (String status : new String[] {"400", "401", "403", "404", "405", "413", "502", "503", "504"}) {
            assertThat(d.getMap("paths.'/rpc/add'.post.responses"), hasKey(status));
        }
        assertEquals("#/components/schemas/Problem", d.getString(
                "components.responses.BadGateway.content.'application/problem+json'.schema.'$ref'"));
        assertThat(d.getList("components.schemas.Problem.required"),
                contains("type", "title", "status"));
    }

    @Test
    void bearerAndOpenIdConnectSecuritySchemes() {
        JsonPath d = doc();
        assertEquals("bearer", d.getString("components.securitySchemes.bearer.scheme"));
        assertEquals(Tokens.issuer() + "/.well-known/openid-configuration",
                d.getString("components.securitySchemes.oidc.openIdConnectUrl"));
        // anonymous calls are configured in the test profile: no token is an alternative
        assertThat(d.getList("security"), hasItem(Map.of()));
    }

    @Test
    void contractCheckFailsForAResponseTheDocumentDoesNotDescribe() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tampered = (ObjectNode) json.readTree(Contract.liveDocument());
        ((ObjectNode) tampered.at("/components/schemas/get_stripe_products_row/properties/active"))
                .putArray("type").add("string");
        var filter = Contract.filterFor(tampered.toString());
        assertThrows(OpenApiValidationFilter.OpenApiValidationException.class, () -> given().filter(filter)
                .header("Authorization", "Bearer " + Tokens.forSubject("alice"))
                .queryParam("name_prefix", "Basic").get("/rpc/get_stripe_products"));
        // the untampered document accepts the same answer
        given().filter(Contract.filter()).header("Authorization", "Bearer " + Tokens.forSubject("alice"))
                .queryParam("name_prefix", "Basic").get("/rpc/get_stripe_products").then().statusCode(200)
                .body("[0].active", equalTo(true)).body("[0].nope", nullValue());
    }
}
