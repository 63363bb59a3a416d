package io.fdwgateway.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code @cache} line and the claims a body reads. */
class CachePolicyTest {

    private static CachePolicy.Decision decide(String comment, Volatility volatility, String body) {
        return CachePolicy.decide(Directives.parse(comment), volatility, body, () -> "def");
    }

    @Test
    void durationsAndVary() {
        CachePolicy p = decide("@cache 60s", Volatility.STABLE, "select 1").policy();
        assertEquals(Duration.ofSeconds(60), p.ttl());
        assertNull(p.vary());
        assertEquals(Duration.ofMinutes(5), decide("@cache 5m vary sub", Volatility.IMMUTABLE, "").policy().ttl());
        assertEquals(List.of("sub", "org_id"), decide("@cache 500ms vary sub, org_id", Volatility.STABLE, "").policy().vary());
        assertEquals(Duration.ofHours(1), decide("@cache 1h", Volatility.STABLE, "").policy().ttl());
        assertNull(decide("no directive", Volatility.STABLE, "").refusal());
        assertNull(decide("no directive", Volatility.STABLE, "").policy());
    }

    @Test
    void refusals() {
        for (String bad : List.of("@cache", "@cache soon", "@cache 0s", "@cache 60", "@cache 60s vary", "@cache 1s\n@cache 2s")) {
            assertEquals(CachePolicy.Refusal.MALFORMED, decide(bad, Volatility.STABLE, "").refusal(), bad);
        }
        assertEquals(CachePolicy.Refusal.VOLATILE, decide("@cache 60s", Volatility.VOLATILE, "").refusal());
        CachePolicy.Decision d = decide("@cache 60s vary sub", Volatility.STABLE,
                "select current_setting('request.jwt.claims', true)::jsonb ->> 'org_id'");
        assertEquals(CachePolicy.Refusal.VARY_MISSES_CLAIMS, d.refusal());
        assertEquals(Set.of("org_id"), d.unvaried());
    }

    @Test
    void claimsRead() {
        assertEquals(Set.of("sub"), CachePolicy.claimsRead("select auth.uid()"));
        assertEquals(Set.of("org"), CachePolicy.claimsRead("select auth.jwt() ->> 'org'"));
        assertEquals(Set.of(CachePolicy.ANY_CLAIM), CachePolicy.claimsRead("select auth.jwt()"));
        assertEquals(Set.of("sub"), CachePolicy.claimsRead(
                "pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub'"));
        assertEquals(Set.of("email"), CachePolicy.claimsRead("current_setting('request.jwt.claim.email', true)"));
        assertEquals(Set.of(CachePolicy.ANY_CLAIM), CachePolicy.claimsRead("current_setting('request.jwt.claims')::jsonb"));
        assertEquals(Set.of(), CachePolicy.claimsRead("select p.id from stripe.products p"));
        // vary sub accepts a body that reads sub and the role (part of every key)
        assertNull(decide("@cache 1m vary sub", Volatility.STABLE, "select auth.uid(), auth.role()").refusal());
    }
}
