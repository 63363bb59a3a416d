package io.fdwgateway.role;

import static io.fdwgateway.support.Api.get;
import static io.fdwgateway.support.Api.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Role resolution seen from the database: the role Postgres runs the call as, and the claims
 * it can read. The test profile allows anon, authenticated and service_role, maps the
 * identity-provider role "realm-admin" to service_role, and lets anonymous callers in as anon.
 */
@QuarkusTest
class RoleMappingHttpTest {

    @Test
    void claimsAreVisibleInSql() {
        String token = Tokens.valid(c -> {
            c.setSubject("alice");
            c.setStringClaim("email", "alice@example.com");
        });
        get(token, "whoami").statusCode(200)
                .body("claims.email", equalTo("alice@example.com"))
                .body("claims.sub", equalTo("alice"))
                .body("method", equalTo("GET"))
                .body("path", equalTo("/rpc/whoami"))
                .body("statement_timeout", equalTo("2s"));
    }

    @Test
    void functionFilteringOnSubSeesOnlyTheCallersRows() {
        get(Tokens.forSubject("alice"), "my_orders").statusCode(200).body("id", contains(1, 2));
        get(Tokens.forSubject("bob"), "my_orders").statusCode(200).body("id", contains(3));
        get(Tokens.forSubject("mallory"), "my_orders").statusCode(200).body("id", equalTo(List.of()));
    }

    @Test
    void allowedRoleClaimIsUsed() {
        get(Tokens.withRole("service_role"), "whoami").statusCode(200).body("role", equalTo("service_role"));
        get(Tokens.withRole("service_role"), "admin_stats").statusCode(200);
    }

    @Test
    void mappedRoleClaimIsTranslated() {
        get(Tokens.withRole("realm-admin"), "whoami").statusCode(200).body("role", equalTo("service_role"));
    }

    @Test
    void arrayClaimPicksTheFirstAllowedRole() {
        // allow-list order (anon, authenticated, service_role) decides, not the claim's order
        String both = Tokens.valid(c -> c.setStringListClaim("role", "realm-admin", "offline_access", "authenticated"));
        get(both, "whoami").statusCode(200).body("role", equalTo("authenticated"));
        String admin = Tokens.valid(c -> c.setStringListClaim("role", "offline_access", "realm-admin"));
        get(admin, "whoami").statusCode(200).body("role", equalTo("service_role"));
        String nothing = Tokens.valid(c -> c.setStringListClaim("role", "offline_access"));
        get(nothing, "whoami").statusCode(200).body("role", equalTo("authenticated"));
    }

    @Test
    void roleClaimsOutsideTheAllowListAreRefusedBeforePostgres() {
        for (String role : List.of("postgres", "authenticator", "api_definer", "pg_read_all_data",
                "authenticated'; reset role; --", "SERVICE_ROLE")) {
            problem(get(Tokens.withRole(role), "whoami"), 403, "GW403-role");
        }
    }

    @Test
    void roleClaimsOfOtherTypesAreRefused() {
        for (Object claim : new Object[] {42, 1.5, true, Map.of("name", "service_role")}) {
            problem(get(Tokens.valid(c -> c.setClaim("role", claim)), "whoami"), 403, "GW403-role");
        }
        problem(get(Tokens.valid(c -> c.setClaim("role", null)), "whoami"), 403, "GW403-role");
    }

    @Test
    void privilegeErrorsAre403ForTokensAnd401ForAnonymous() {
        problem(get(Tokens.forSubject("alice"), "admin_stats"), 403, "42501");
        problem(get(null, "admin_stats"), 401, "42501").header("WWW-Authenticate", "Bearer");
        problem(get(null, "get_stripe_products", Map.of("name_prefix", "B")), 401, "42501");
    }

    @Test
    void anonymousRoleCanCallWhatAnonMayCall() {
        get(null, "list_plans").statusCode(200).body("id", org.hamcrest.Matchers.hasSize(10));
        get(null, "whoami").statusCode(200).body("claims", equalTo(Map.of("role", "anon")));
    }

    @Test
    void claimsCarryTheRoleTheCallRunsAsForAuthRole() {
        // what Supabase's auth.role() reads: the role set, not the identity provider's name for it
        get(Tokens.withRole("realm-admin"), "whoami").statusCode(200)
                .body("role", equalTo("service_role"))
                .body("claims.role", equalTo("service_role"))
                .body("claims.gateway_claimed_role", equalTo("realm-admin"));
        get(Tokens.forSubject("dave"), "whoami").statusCode(200)
                .body("claims.role", equalTo("authenticated"))
                .body("claims", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("gateway_claimed_role")));
        String array = Tokens.valid(c -> c.setStringListClaim("role", "offline_access", "realm-admin"));
        get(array, "whoami").statusCode(200)
                .body("claims.role", equalTo("service_role"))
                .body("claims.gateway_claimed_role", contains("offline_access", "realm-admin"));
        // the same token again is answered from the caches with the same claims
        get(array, "whoami").statusCode(200).body("claims.role", equalTo("service_role"));
    }
}
