package io.fdwgateway.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Column;
import io.fdwgateway.catalog.Volatility;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.shape.Condition.Compare;
import io.fdwgateway.shape.Condition.Group;
import io.fdwgateway.shape.Condition.In;
import io.fdwgateway.shape.Condition.Operator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shaping parsers and the catalog check, without a database. */
class ShapeParsersTest {

    private static final Routine ROUTINE = new Routine(1, "public", "f", List.of(), List.of(
            new Column("id", "integer", "pg_catalog.int4", true),
            new Column("doc", "json", "pg_catalog.json", false),
            new Column("tags", "text[]", "pg_catalog.text[]", true),
            new Column("ok", "boolean", "pg_catalog.bool", true)),
            ReturnShape.SET_OF_ROWS, Volatility.STABLE, "record", null);

    @Test
    void filtersParseAsPostgrestWritesThem() {
        assertEquals(new Compare("id", Operator.GT, false, "5"), FilterParser.parameter("id", "gt.5"));
        assertEquals(new Compare("n", Operator.LIKE, true, "a%b.c"), FilterParser.parameter("n", "not.like.a*b.c"));
        assertEquals(new In("id", false, List.of("1", "a,b", "q\"x")),
                FilterParser.parameter("id", "in.(1,\"a,b\",\"q\\\"x\")"));
        assertEquals(new In("id", false, List.of()), FilterParser.parameter("id", "in.()"));
        Condition tree = FilterParser.parameter("or", "(id.eq.1,and(n.like.\"a,b\",ok.is.true),id.in.(2,3))");
        Group or = (Group) tree;
        assertEquals(3, or.items().size());
        assertEquals(new Compare("n", Operator.LIKE, false, "a,b"), ((Group) or.items().get(1)).items().get(0));
        assertEquals(new In("id", false, List.of("2", "3")), or.items().get(2));
    }

    @Test
    void selectOrderAndRange() {
        assertEquals(Optional.of(List.of("b", "a b")), SelectParser.parse(" b , \"a b\""));
        assertEquals(Optional.empty(), SelectParser.parse("*"));
        assertEquals(List.of(new OrderTerm("a", true, false), new OrderTerm("b.c", false, null)),
                OrderParser.parse("a.desc.nullslast,\"b.c\""));
        assertEquals(new Window(2, 3L), RangeParser.window(null, null, "2-4", "items"));
        assertEquals(new Window(3, 2L), RangeParser.window("4", "1", "3-", null));
        assertEquals(new Window(5, 0L), RangeParser.window("2", "0", "5-9", null));
        assertEquals(new Window(0, 15L), new Window(0, null).capped(15));
    }

    @Test
    void acceptHeaderOrdersByQualityThenPosition() {
        assertEquals(List.of(Media.CSV, Media.JSON), AcceptHeader.acceptable(List.of("application/json;q=0.4, text/csv")));
        assertEquals(List.of(), AcceptHeader.acceptable(List.of("image/png, application/json;q=0")));
        assertEquals(List.of(), AcceptHeader.acceptable(List.of("application/json;q=abc")));
        assertEquals(Media.JSON, AcceptHeader.acceptable(List.of()).get(0));
    }

    @Test
    void theCatalogDecidesWhatAColumnTakes() {
        ShapePlan plan = ShapeChecker.check(ROUTINE, request(Map.of("select", List.of("ok,id"),
                "doc", List.of("like.*x*"), "tags", List.of("eq.{a}"))), Media.JSON, 10L);
        assertEquals(List.of("ok", "id"), plan.columns().stream().map(Column::name).toList());
        assertEquals(new Window(0, 10L), plan.window());
        assertThrows(GatewayException.class, () -> check(Map.of("doc", List.of("eq.{}"))));
        assertThrows(GatewayException.class, () -> check(Map.of("order", List.of("doc"))));
        assertThrows(GatewayException.class, () -> check(Map.of("tags", List.of("in.(a,b)"))));
        assertThrows(GatewayException.class, () -> check(Map.of("id", List.of("is.true"))));
        assertThrows(GatewayException.class, () -> check(Map.of("nope", List.of("eq.1"))));
    }

    private static ShapeRequest request(Map<String, List<String>> parameters) {
        return ShapeRequest.parse(parameters, null, null, false);
    }

    private static ShapePlan check(Map<String, List<String>> parameters) {
        return ShapeChecker.check(ROUTINE, request(parameters), Media.JSON, null);
    }
}
