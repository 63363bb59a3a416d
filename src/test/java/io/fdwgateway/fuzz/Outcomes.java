package io.fdwgateway.fuzz;

import io.fdwgateway.call.ArgumentReader;
import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.CallPlanner;
import io.fdwgateway.call.ResultRequest;
import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Routine.Column;
import io.fdwgateway.catalog.Volatility;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.shape.Media;
import io.fdwgateway.shape.ShapeRequest;
import java.util.List;
import java.util.Map;

/**
 * What every fuzz target accepts as an outcome: a value, or the gateway's own 4xx error. Any
 * other exception (a 5xx GatewayException, a RuntimeException from a parser, an Error) escapes
 * and is Jazzer's finding.
 */
final class Outcomes {

    /** A set-returning function with comparable, non-comparable, array and boolean columns. */
    static final Catalog CATALOG = Catalog.of(List.of(new Routine(1, "public", "f",
            List.of(new Argument("prefix", "pg_catalog.text", "text", true, false)),
            List.of(new Column("id", "integer", "pg_catalog.int4", true),
                    new Column("name", "text", "pg_catalog.text", true),
                    new Column("doc", "json", "pg_catalog.json", false),
                    new Column("tags", "text[]", "pg_catalog.text[]", true),
                    new Column("ok", "boolean", "pg_catalog.bool", true),
                    new Column("we\"ird col", "text", "pg_catalog.text", true)),
            ReturnShape.SET_OF_ROWS, Volatility.STABLE, "record", null)));

    private Outcomes() {
    }

    interface Step {
        void run();
    }

    static void valueOr4xx(Step step) {
        try {
            step.run();
        } catch (GatewayException e) {
            int status = e.error().status();
            if (status < 400 || status > 499) {
                throw new AssertionError("not a client error: " + status + " " + e.error().code(), e);
            }
        }
    }

    /** Plans a GET of {@code f} shaped by these parameters, as the gateway does: parsers, catalog check, SQL. */
    static CallPlan plan(Map<String, List<String>> shaping, String range, String rangeUnit, List<Media> accept) {
        ShapeRequest request = ShapeRequest.parse(shaping, range, rangeUnit, true);
        CallPlan plan = CallPlanner.plan(CATALOG, "f", ArgumentReader.fromQuery(Map.of()), true, null,
                new ResultRequest(accept, request, 1000L));
        if (plan.sql().indexOf('\0') >= 0) {
            throw new AssertionError("NUL in SQL text");
        }
        return plan;
    }
}
