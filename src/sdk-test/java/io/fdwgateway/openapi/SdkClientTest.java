package io.fdwgateway.openapi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fdwgateway.sdk.ApiClient;
import io.fdwgateway.sdk.ApiException;
import io.fdwgateway.sdk.api.DefaultApi;
import io.fdwgateway.sdk.model.CheckQuotaArgs;
import io.fdwgateway.sdk.model.EchoTypesArgs;
import io.fdwgateway.sdk.model.EchoTypesRow;
import io.fdwgateway.sdk.model.GetStripeProductsArgs;
import io.fdwgateway.sdk.model.GetStripeProductsRow;
import io.fdwgateway.sdk.model.LookupArgs1;
import io.fdwgateway.sdk.model.LookupArgs2;
import io.fdwgateway.sdk.model.LookupRequest;
import io.fdwgateway.sdk.model.Problem;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Calls the running gateway through the Java SDK that openapi-generator made from the
 * committed openapi/openapi.yaml at build time (see pom.xml), as the README tells users to.
 */
@QuarkusTest
class SdkClientTest {

    /** The README's example: a generated client with a bearer token. */
    static DefaultApi api(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(ConfigProvider.getConfig().getValue("test.url", String.class));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return new DefaultApi(client);
    }

    @Test
    void typedCallToGetStripeProducts() throws ApiException {
        DefaultApi api = api(Tokens.forSubject("alice"));
        List<GetStripeProductsRow> rows = api.getStripeProducts(new GetStripeProductsArgs().namePrefix("Basic"), null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(rows.stream().map(GetStripeProductsRow::getId).toList(), contains("prod_001", "prod_002"));
        assertEquals("Basic plan", rows.get(0).getName());
        assertEquals(Boolean.TRUE, rows.get(0).getActive());
        assertEquals("price_basic", rows.get(0).getDefaultPrice());

        List<GetStripeProductsRow> viaGet = api.getStripeProductsGet("Pro", null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(viaGet.stream().map(GetStripeProductsRow::getId).toList(), contains("prod_003", "prod_004"));

        // the result shaped by the generated parameters: order, a filter on a column, limit
        List<GetStripeProductsRow> shaped = api.getStripeProductsGet("", "id", "id.desc", null, null, null, null,
                "is.true", null, null, "2", null, null, null, null);
        assertThat(shaped.stream().map(GetStripeProductsRow::getId).toList(), contains("prod_008", "prod_007"));
        assertEquals(null, shaped.get(0).getName());
    }

    @Test
    void typedValuesRoundTrip() throws ApiException {
        UUID u = UUID.fromString("6f1c7d2e-8a41-4f7b-9a57-1d2c3b4a5e6f");
        EchoTypesRow row = api(Tokens.forSubject("alice")).echoTypes(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, new EchoTypesArgs()
                .i(42).n(new BigDecimal("1.50")).d(LocalDate.of(2026, 11, 27))
                .ts(OffsetDateTime.parse("2026-11-27T10:00:00Z")).u(u).tags(List.of("a", "b,c"))).get(0);
        assertEquals(42, row.getI());
        assertEquals(0, new BigDecimal("1.5").compareTo(row.getN()));
        assertEquals(LocalDate.of(2026, 11, 27), row.getD());
        assertEquals(OffsetDateTime.parse("2026-11-27T10:00:00Z").toInstant(), row.getTs().toInstant());
        assertEquals(u, row.getU());
        assertThat(row.getTags(), contains("a", "b,c"));
    }

    @Test
    void overloadsAreCalledThroughTheOneOfBody() throws ApiException {
        DefaultApi api = api(Tokens.forSubject("alice"));
        assertEquals("by id 7", api.lookup(new LookupRequest(new LookupArgs1().id(7))));
        assertEquals("by name x", api.lookup(new LookupRequest(new LookupArgs2().name("x"))));
    }

    @Test
    void errorsArriveAsApiExceptionWithTheProblem() throws Exception {
        ApiException raised = assertThrows(ApiException.class,
                () -> api(Tokens.forSubject("alice")).checkQuota(new CheckQuotaArgs().amount(500)));
        assertEquals(400, raised.getCode());
        Problem problem = new ApiClient().getObjectMapper().readValue(raised.getResponseBody(), Problem.class);
        assertEquals("P0001", problem.getCode());
        assertThat(problem.getDetail(), containsString("quota exceeded"));
        assertEquals("Ask for a quota increase.", problem.getHint());

        ApiException anonymous = assertThrows(ApiException.class,
                () -> api(null).getStripeProducts(new GetStripeProductsArgs().namePrefix("Basic"), null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertEquals(401, anonymous.getCode());
    }
}
