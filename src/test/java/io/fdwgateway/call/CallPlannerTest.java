package io.fdwgateway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Volatility;
import io.fdwgateway.error.GatewayException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPlannerTest {

    private static final Argument NAME_PREFIX = new Argument("name_prefix", "pg_catalog.text", "text", false, false);
    private static final Routine PRODUCTS = new Routine(1, "public", "get_stripe_products", List.of(NAME_PREFIX),
            List.of(), ReturnShape.SET_OF_ROWS, Volatility.STABLE, "record", null);
    private static final Routine ADD = new Routine(2, "public", "add",
            List.of(new Argument("a", "pg_catalog.int4", "integer", false, false),
                    new Argument("b", "pg_catalog.int4", "integer", true, false)),
            List.of(), ReturnShape.SCALAR, Volatility.IMMUTABLE, "integer", null);
    private static final Routine WEIRD = new Routine(3, "my \"schema\"", "odd\"name", List.of(
            new Argument("x\"y", "\"my schema\".\"my type\"[]", "my type[]", false, true)),
            List.of(), ReturnShape.VOID, Volatility.VOLATILE, "void", null);
    private static final Routine SHADOWED = new Routine(4, "second", "add", List.of(), List.of(), ReturnShape.SCALAR,
            Volatility.IMMUTABLE, "integer", null);
    private static final Catalog CATALOG = Catalog.of(List.of(PRODUCTS, ADD, WEIRD, SHADOWED));

    /**
     * Every call statement sends back the JSON as UTF-8 bytes and its length, withholding the
     * bytes above the size limit ($1); the offset 0 fence keeps the planner from evaluating
     * the call once per reference.
     */
    private static String sized(String json, String from) {
        return "select case when s.l <= $1::pg_catalog.int8 then pg_catalog.substr(s.j, g.o, 1048576) end,"
                + " s.l, g.o from (select s.*, pg_catalog.octet_length(s.j) as l from (select pg_catalog.convert_to("
                + json + ", 'UTF8') as j" + from + " offset 0) as s) as s, pg_catalog.generate_series(1,"
                + " case when s.l <= $1::pg_catalog.int8 then greatest(s.l, 1) else 1 end, 1048576) as g(o)";
    }

    private static Arguments body(String json) {
        return ArgumentReader.fromBody(json);
    }

    private static String code(Runnable r) {
        return assertThrows(GatewayException.class, r::run).error().code();
    }

    @Test
    void setReturningCallAggregatesRowsInPostgres() {
        CallPlan plan = CallPlanner.plan(CATALOG, "get_stripe_products", body("{\"name_prefix\":\"B\"}"), false);
        assertEquals(sized("coalesce(pg_catalog.json_agg(r), '[]'::pg_catalog.json)::text",
                " from pg_catalog.jsonb_to_record($2::text::jsonb) as a(\"name_prefix\" pg_catalog.text),"
                + " lateral \"public\".\"get_stripe_products\"(\"name_prefix\" => a.\"name_prefix\") as r"), plan.sql());
        assertEquals("{\"name_prefix\":\"B\"}", plan.argumentsJson());
        assertTrue(plan.readOnly());
    }

    @Test
    void valuesNeverEnterTheSqlText() {
        String evil = "'); drop table app.orders; --";
        CallPlan plan = CallPlanner.plan(CATALOG, "get_stripe_products",
                ArgumentReader.fromQuery(Map.of("name_prefix", List.of(evil))), true);
        assertFalse(plan.sql().contains("drop table"));
        assertTrue(plan.argumentsJson().contains("drop table"));
    }

    @Test
    void omittedDefaultsAreLeftOutOfTheCall() {
        CallPlan plan = CallPlanner.plan(CATALOG, "add", body("{\"a\": 1}"), true);
        assertEquals(sized("pg_catalog.to_json(\"public\".\"add\"(\"a\" => a.\"a\"))::text",
                " from pg_catalog.jsonb_to_record($2::text::jsonb) as a(\"a\" pg_catalog.int4)"), plan.sql());
    }

    @Test
    void catalogIdentifiersAreQuotedAndVariadicIsMarked() {
        CallPlan plan = CallPlanner.plan(CATALOG, "odd\"name", body("{\"x\\\"y\": [\"a\"]}"), false);
        assertEquals(sized("\"my \"\"schema\"\"\".\"odd\"\"name\"(variadic \"x\"\"y\" => a.\"x\"\"y\")::text",
                " from pg_catalog.jsonb_to_record($2::text::jsonb) as a(\"x\"\"y\" \"my schema\".\"my type\"[])"),
                plan.sql());
        assertFalse(plan.readOnly());
    }

    @Test
    void noArgumentsMeansNoParameter() {
        CallPlan plan = CallPlanner.plan(Catalog.of(List.of(SHADOWED)), "add", body(""), true);
        assertNull(plan.argumentsJson());
        assertEquals(sized("pg_catalog.to_json(\"second\".\"add\"())::text", ""), plan.sql());
    }

    @Test
    void planCarriesTheVerbsOfItsUrl() {
        assertEquals("GET, HEAD, POST", CallPlanner.plan(CATALOG, "add", body("{\"a\": 1}"), true).allow());
        assertEquals("POST", CallPlanner.plan(CATALOG, "odd\"name", body("{\"x\\\"y\": [\"a\"]}"), false).allow());
    }

    @Test
    void callValuesBindTheSizeLimitFirstThenTheArguments() {
        CallStatements statements = new CallStatements(java.time.Duration.ofSeconds(3), 1234, java.util.Optional.empty());
        CallPlan withArguments = CallPlanner.plan(CATALOG, "add", body("{\"a\": 1}"), true);
        assertEquals(List.of(1234L, "{\"a\":1}"), List.of(statements.callValues(withArguments).getValue(0),
                statements.callValues(withArguments).getValue(1)));
        CallPlan without = CallPlanner.plan(Catalog.of(List.of(SHADOWED)), "add", body(""), true);
        assertEquals(1, statements.callValues(without).size());
        assertEquals("3000", statements.sessionSettings("anon", "{}", "GET", "/rpc/add", "{}", "{}").getString(4));
        assertEquals(CallStatements.BEGIN_READ_ONLY, statements.begin(without));
    }

    @Test
    void firstExposedSchemaOwnsTheName() {
        assertEquals(List.of(ADD), CATALOG.lookup("add"));
    }

    @Test
    void badRequestsAreRefusedWithStableCodes() {
        assertEquals("GW404", code(() -> CallPlanner.plan(CATALOG, "nope", body("{}"), false)));
        assertEquals("GW404", code(() -> CallPlanner.plan(CATALOG, "ADD", body("{\"a\":1}"), false)));
        assertEquals("GW400-unknown-argument", code(() -> CallPlanner.plan(CATALOG, "add", body("{\"a\":1,\"c\":2}"), false)));
        assertEquals("GW400-missing-argument", code(() -> CallPlanner.plan(CATALOG, "add", body("{\"b\":1}"), false)));
        assertEquals("GW405", code(() -> CallPlanner.plan(CATALOG, "odd\"name", body("{\"x\\\"y\":[]}"), true)));
    }

    @Test
    void bodiesMustBeOneStrictJsonObject() {
        for (String bad : List.of("[1]", "\"x\"", "1", "null", "{", "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "{\"a\":\"\\u0000\"}",
                "{\"\\u0000\":1}", "{'a':1}")) {
            assertTrue(code(() -> ArgumentReader.fromBody(bad)).startsWith("GW400"), bad);
        }
    }

    @Test
    void repeatedQueryParametersAreRefused() {
        assertEquals("GW400-invalid-argument",
                code(() -> ArgumentReader.fromQuery(Map.of("a", List.of("1", "2")))));
    }

    @Test
    void numbersKeepTheirDigits() {
        assertEquals("{\"n\":1.50,\"big\":123456789012345678901234567890,\"e\":1.0E+3}",
                ArgumentReader.fromBody("{\"n\": 1.50, \"big\": 123456789012345678901234567890, \"e\": 1.0e3}")
                        .values().toString());
    }
}
