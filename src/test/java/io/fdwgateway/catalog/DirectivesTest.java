package io.fdwgateway.catalog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fdwgateway.catalog.Directives.Directive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comment parser and the body scan, on text alone. */
class DirectivesTest {

    @Test
    void directiveLinesLeaveTheDescription() {
        Directives d = Directives.parse("""
                Products of the catalogue.
                  @foreign-server stripe_server
                Second line, mail me at ops@example.com.
                @cache 30s vary sub
                @Bogus""");
        assertEquals("Products of the catalogue.\nSecond line, mail me at ops@example.com.", d.description());
        assertThat(d.entries(), contains(new Directive("foreign-server", "stripe_server"),
                new Directive("cache", "30s vary sub"), new Directive("Bogus", "")));
        assertThat(d.foreignServers(), contains("stripe_server"));
        assertThat(d.arguments("cache"), contains("30s vary sub"));
        assertThat("unknown and malformed names are kept and reported", d.unknown().stream().map(Directive::name).toList(),
                contains("Bogus"));
    }

    @Test
    void serverNamesFoldLikePostgresIdentifiers() {
        Directives d = Directives.parse("@foreign-server Stripe_Server\n@foreign-server \"Mixed Case\"\n@foreign-server");
        assertThat(d.foreignServers(), contains("stripe_server", "Mixed Case"));
        assertThat(d.incomplete(), contains(new Directive("foreign-server", "")));
        assertNull(d.description());
    }

    @Test
    void noCommentNoDirectives() {
        assertThat(Directives.parse(null).entries(), empty());
        assertNull(Directives.parse(null).description());
        assertEquals("plain", Directives.parse("plain\n").description());
    }

    @Test
    void theBodyScanFindsQualifiedAndPathResolvedForeignTablesOutsideComments() {
        Map<String, String> tables = Map.of("stripe.products", "s1", "Odd Schema.T", "s2", "stripe.prices", "s1",
                "stripe.invoices", "s1");
        String body = """
                -- stripe.invoices is only mentioned here
                /* and here: stripe.invoices /* nested */ still a comment */
                select p.id from Stripe . Products p
                join "Odd Schema"."T" t on t.id = p.id
                join prices x on true
                where p.name <> 'don''t -- stripe.nothing'
                """;
        assertThat(BodyScanner.foreignTables(body, List.of("stripe"), tables),
                contains("stripe.products", "Odd Schema.T", "stripe.prices"));
        assertThat("unqualified names resolve only through the function's own path",
                BodyScanner.foreignTables("select 1 from prices", List.of(), tables), empty());
        assertThat("a table named in a string literal is dynamic SQL's",
                BodyScanner.foreignTables("execute 'select count(*) from stripe.invoices'", List.of(), tables),
                contains("stripe.invoices"));
    }

    @Test
    void dynamicSqlIsTheExecuteKeywordOutsideStringsAndComments() {
        assertEquals(true, BodyScanner.executesDynamicSql("begin EXECUTE format('select 1'); end"));
        assertEquals(false, BodyScanner.executesDynamicSql("begin raise notice 'execute'; -- execute\n end"));
        assertEquals(false, BodyScanner.executesDynamicSql("select executed_at from t"));
    }
}
