package io.fdwgateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The body lints on the shapes they must catch and the look-alikes they must leave alone. */
class BodyLintsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            seed example                        | sql     | select p.id from t p where p.name like name_prefix || '%'                     | like-pattern-from-argument
            ilike both sides                    | sql     | select 1 from t where t.x ilike '%' || q || '%' and t.y = 1                   | like-pattern-from-argument
            concat call                         | sql     | select 1 from t where t.x like concat(q, '%')                                 | like-pattern-from-argument
            positional                          | sql     | select 1 from t where t.x like $1 || '%'                                      | like-pattern-from-argument
            not like                            | sql     | select 1 from t where t.x not like q || '%'                                   | like-pattern-from-argument
            escaped                             | sql     | select 1 from t where t.x like replace(replace(q, '%', '\\%'), '_', '\\_') || '%' |
            starts_with                         | sql     | select 1 from t where starts_with(t.x, q)                                     |
            pattern passed whole                | sql     | select 1 from t where t.x like q                                              |
            column of the same name, qualified  | sql     | select 1 from t where t.q like t.x || '%'                                     |
            in a comment                        | sql     | select 1 -- where t.x like q || '%'                                           |
            in a string                         | sql     | select 'x like q || y'                                                        |
            execute concatenated                | plpgsql | begin execute 'select * from ' || q; end                                      | dynamic-sql-from-argument
            return query execute                | plpgsql | begin return query execute 'select ' || q || ' from t'; end                   | dynamic-sql-from-argument
            execute the argument                | plpgsql | begin execute q; end                                                          | dynamic-sql-from-argument
            format with %s                      | plpgsql | begin execute format('select * from %s', q); end                              | dynamic-sql-from-argument
            through a variable                  | plpgsql | declare s text; begin s := 'select ' || q; execute s; end                     | dynamic-sql-from-argument
            format with %I                      | plpgsql | begin execute format('select * from %I where a = %L', q, q); end              |
            quote_ident                         | plpgsql | begin execute 'select * from ' || quote_ident(q); end                         |
            quote_literal of lower              | plpgsql | begin execute 'select ' || quote_literal(lower(q)); end                       |
            value passed with using             | plpgsql | begin execute 'select * from t where a = $1' using q; end                     |
            into before using                   | plpgsql | declare n int; begin execute 'select count(*) from t where a = $1' into n using q; end |
            safe variable                       | plpgsql | declare s text; begin s := format('select %I', q); execute s; end             |
            grant execute is no statement       | plpgsql | begin grant execute on function f(text) to r; end                             |
            dollar-quoted literal               | plpgsql | begin execute $x$select 1$x$; end                                             |
            sql functions cannot execute        | sql     | select 1 as execute                                                           |
            """)
    void lints(String name, String language, String body, String expected) {
        List<String> rules = BodyLints.check(new BodyLints.Function(1, "public.f(q text)", language, body,
                List.of("q"), false, List.of())).stream().map(Finding::ruleId).toList();
        assertEquals(expected == null ? List.of() : List.of(expected), rules, body);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            anonymous, foreign, no claims     | true  | stripe.products | select p.id from stripe.products p                           | true
            claims read                       | true  | stripe.products | select p.id from stripe.products p where p.owner = (current_setting('request.jwt.claims', true)::jsonb ->> 'sub') | false
            auth.uid()                        | true  | stripe.products | select p.id from stripe.products p where p.owner = auth.uid() | false
            auth.jwt()                        | true  | stripe.products | select p.id from stripe.products p where p.org = auth.jwt() ->> 'org' | false
            not for anonymous callers         | false | stripe.products | select p.id from stripe.products p                           | false
            no foreign table                  | true  |                 | select 1                                                     | false
            """)
    void claimsCheck(String name, boolean anonymous, String table, String body, boolean fires) {
        List<Finding> findings = BodyLints.check(new BodyLints.Function(1, "public.f()", "sql", body, List.of(), anonymous,
                table == null ? List.of() : List.of(table)));
        assertEquals(fires ? List.of("definer-without-claims-check") : List.of(),
                findings.stream().map(Finding::ruleId).toList(), body);
    }
}
