package io.fdwgateway.cache;

import io.fdwgateway.support.Api;
import io.fdwgateway.support.Superuser;
import io.fdwgateway.support.Tokens;

/** Functions with {@code @cache} lines, created for a test and dropped after it. */
final class CacheFixtures {

    static final String ALICE_A = Tokens.valid(c -> {
        c.setSubject("alice");
        c.setStringClaim("org", "a");
    });
    static final String ALICE_B = Tokens.valid(c -> {
        c.setSubject("alice");
        c.setStringClaim("org", "b");
    });
    static final String BOB = Tokens.forSubject("bob");
    private static final String POLLER = Tokens.forSubject("poller");

    private CacheFixtures() {
    }

    /** Each function answers a fresh random number, so a repeated number is a cached answer. */
    static void create(String version) {
        Superuser.execute("""
                create or replace function public.cached_random() returns jsonb
                language sql stable security definer set search_path = ''
                as $$ select pg_catalog.jsonb_build_object('v', '%1$s', 'r', pg_catalog.random(),
                       'sub', pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub') $$;
                comment on function public.cached_random() is E'A random number per caller.\\n@cache 60s';
                create or replace function public.cached_vary() returns jsonb
                language sql stable security definer set search_path = ''
                as $$ select pg_catalog.jsonb_build_object('r', pg_catalog.random(),
                       'sub', pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub') $$;
                comment on function public.cached_vary() is E'@cache 60s vary sub';
                create or replace function public.cached_bad_vary() returns jsonb
                language sql stable security definer set search_path = ''
                as $$ select pg_catalog.jsonb_build_object('r', pg_catalog.random(),
                       'org', pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'org') $$;
                comment on function public.cached_bad_vary() is E'@cache 60s vary sub';
                create or replace function public.cached_volatile() returns jsonb
                language sql volatile security definer set search_path = ''
                as $$ select pg_catalog.jsonb_build_object('r', pg_catalog.random()) $$;
                comment on function public.cached_volatile() is E'@cache 60s';
                alter function public.cached_random() owner to api_definer;
                alter function public.cached_vary() owner to api_definer;
                alter function public.cached_bad_vary() owner to api_definer;
                alter function public.cached_volatile() owner to api_definer;
                revoke execute on function public.cached_random(), public.cached_vary(), public.cached_bad_vary(),
                  public.cached_volatile() from public;
                grant execute on function public.cached_random(), public.cached_vary(), public.cached_bad_vary(),
                  public.cached_volatile() to anon, authenticated;
                """.formatted(version));
        // polled without the contract filter, by a caller of its own: the first answer after a
        // start can take a while on a loaded machine
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> io.restassured.RestAssured.given().header("Authorization", "Bearer " + POLLER)
                        .get("/rpc/cached_random").then().statusCode(200).body("v", org.hamcrest.Matchers.equalTo(version)));
    }

    static void drop() {
        Superuser.execute("drop function if exists public.cached_random(), public.cached_vary(), public.cached_bad_vary(),"
                + " public.cached_volatile();");
        Api.awaitStatus(BOB, "cached_random", 404);
        // that 404 can come from Postgres (the function is gone) before the catalog's next load:
        // wait for the load, or the next test's create() may fall into the same one and find this
        // test's answers still kept for the unchanged function
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> !io.restassured.RestAssured.given().header("Authorization", "Bearer " + POLLER)
                        .get("/q/openapi?format=json").asString().contains("/rpc/cached_random"));
    }
}
