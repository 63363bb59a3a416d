package io.fdwgateway.support;

import static io.restassured.RestAssured.given;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.restassured.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every response {@link Api} receives against the gateway's live OpenAPI document, so
 * the document and the behaviour cannot drift apart. Requests are not checked: many tests
 * send wrong requests on purpose, and the point is that the answers to those are documented
 * too. A response for a path the document lacks (an unserved function) is not checked.
 */
public final class Contract {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static volatile Filter filter;

    private Contract() {
    }

    /** A filter for the live document, fetched once: the reference database does not change. */
    public static Filter filter() {
        Filter f = filter;
        if (f == null) {
            synchronized (Contract.class) {
                if (filter == null) {
                    filter = filterFor(liveDocument());
                }
                f = filter;
            }
        }
        return f;
    }

    /** A filter for this document (JSON or YAML), for tests that change the schema first. */
    public static Filter filterFor(String document) {
        return new OpenApiValidationFilter(validator(document));
    }

    public static OpenApiInteractionValidator validator(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(document))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /**
     * The same contract in OpenAPI 3.0 terms: {@code type: [string, "null"]} becomes
     * {@code type: string, nullable: true}. The validator reads a 3.1 document but silently
     * skips every {@code type} check in it (its schema model keeps 3.1 types where its JSON
     * Schema validation does not look), which would let any value pass; in 3.0 form it checks
     * them. Nothing else in the document is 3.1-only.
     */
    static String asOpenApi30(String document) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(document);
            root.put("openapi", "3.0.3");
            downgradeTypes(root);
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an OpenAPI document: " + e.getOriginalMessage(), e);
        }
    }

    private static void downgradeTypes(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("type") instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            types.forEach(t -> named.add(t.asText()));
            boolean nullable = named.remove("null");
            if (named.size() == 1) {
                object.put("type", named.get(0));
                if (nullable) {
                    object.put("nullable", true);
                }
            }
        }
        node.forEach(Contract::downgradeTypes);
    }

    public static String liveDocument() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
    }
}
