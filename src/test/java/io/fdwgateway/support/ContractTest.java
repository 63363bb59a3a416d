package io.fdwgateway.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The contract check itself must catch a response that does not fit the document. */
class ContractTest {

    private static final OpenApiInteractionValidator VALIDATOR = load();

    private static OpenApiInteractionValidator load() {
        try {
            return Contract.validator(Files.readString(Path.of("openapi/openapi.yaml")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ValidationReport products(String body) {
        return VALIDATOR.validate(
                SimpleRequest.Builder.get("/rpc/get_stripe_products").withQueryParam("name_prefix", "B").build(),
                SimpleResponse.Builder.ok().withContentType("application/json; charset=utf-8").withBody(body).build());
    }

    @Test
    void acceptsRowsAsPostgresBuildsThem() {
        ValidationReport report = products("""
                [{"id":"a","name":"b","active":true,"default_price":null,"description":null}]""");
        assertFalse(report.hasErrors(), report.toString());
    }

    @Test
    void rejectsAWronglyTypedColumn() {
        assertTrue(products("""
                [{"id":"a","name":"b","active":"yes","default_price":null,"description":null}]""").hasErrors());
    }

    @Test
    void acceptsFewerColumnsButRejectsAnExtraColumnAndAWrongShape() {
        // select= may leave columns out, so the row schema requires none; nothing else may come in
        assertFalse(products("[{\"id\":\"a\"}]").hasErrors());
        assertTrue(products("""
                [{"id":"a","name":"b","active":true,"default_price":null,"description":null,"x":1}]""").hasErrors());
        assertTrue(products("{\"id\":\"a\"}").hasErrors());
    }

    @Test
    void rejectsAnUndocumentedErrorBody() {
        ValidationReport report = VALIDATOR.validate(
                SimpleRequest.Builder.post("/rpc/add").withContentType("application/json").withBody("{}").build(),
                SimpleResponse.Builder.status(400).withContentType("application/problem+json")
                        .withBody("{\"status\":400}").build());
        assertTrue(report.hasErrors(), "a problem without type and title must not pass");
    }
}
