package io.fdwgateway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Volatility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * bench/run.sh compares the gateway with pgbench running the same statements; the scripts in
 * bench/ must be exactly what CallStatements and SqlBuilder send, with pgbench variables in
 * place of the bound parameters, inside one pgbench pipeline as the executor pipelines them.
 */
class BenchScriptsTest {

    private static final Argument INT_A = new Argument("a", "pg_catalog.int4", "integer", false, false);
    private static final Argument INT_B = new Argument("b", "pg_catalog.int4", "integer", true, false);
    private static final Argument PREFIX = new Argument("name_prefix", "pg_catalog.text", "text", false, false);
    private static final Catalog CATALOG = Catalog.of(List.of(
            new Routine(1, "public", "add", List.of(INT_A, INT_B), List.of(), ReturnShape.SCALAR,
                    Volatility.IMMUTABLE, "integer", null),
            new Routine(2, "public", "list_plans", List.of(), List.of(), ReturnShape.SET_OF_ROWS,
                    Volatility.STABLE, "record", null),
            new Routine(3, "public", "get_stripe_products", List.of(PREFIX), List.of(), ReturnShape.SET_OF_ROWS,
                    Volatility.STABLE, "record", null)));

    @ParameterizedTest(name = "bench/{0}.sql")
    @CsvSource(delimiter = '|', value = {
        "add|{\"a\":\"1\",\"b\":\"2\"}",
        "list_plans|",
        "get_stripe_products|{\"name_prefix\":\"Pro\"}"
    })
    void scriptIsWhatTheGatewaySends(String function, String argumentsJson) throws Exception {
        Arguments arguments = argumentsJson == null ? ArgumentReader.fromBody("") : ArgumentReader.fromBody(argumentsJson);
        CallPlan plan = CallPlanner.plan(CATALOG, function, arguments, true);
        CallStatements statements = new CallStatements(java.time.Duration.ofSeconds(10), 16L * 1024 * 1024, java.util.Optional.empty());

        List<String> expected = new ArrayList<>();
        expected.add(statements.begin(plan));
        expected.add(variables(CallStatements.SESSION_SETTINGS,
                Map.of("$1", ":role", "$2", ":claims", "$3", ":method", "$4", ":path", "$5", ":timeout", "$6", ":headers", "$7", ":cookies")));
        expected.add(variables(plan.sql(), Map.of("$1", ":max", "$2", ":args")));
        expected.add(CallStatements.RESPONSE_SETTINGS);
        expected.add(CallStatements.COMMIT);
        expected.addAll(CallStatements.SESSION_RESET);

        List<String> lines = Files.readAllLines(Path.of("bench", function + ".sql")).stream()
                .filter(l -> !l.startsWith("--") && !l.isBlank())
                .toList();
        // the gateway sends every statement in one pipelined write; pgbench must do the same
        assertEquals("\\startpipeline", lines.get(0));
        assertEquals("\\endpipeline", lines.get(lines.size() - 1));
        List<String> script = lines.subList(1, lines.size() - 1).stream()
                .map(l -> l.endsWith(";") ? l.substring(0, l.length() - 1) : l)
                .toList();
        assertEquals(expected, script);
    }

    private static String variables(String sql, Map<String, String> names) {
        String out = sql;
        for (Map.Entry<String, String> e : names.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
