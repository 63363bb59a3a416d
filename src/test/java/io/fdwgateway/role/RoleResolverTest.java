package io.fdwgateway.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fdwgateway.auth.Caller;
import io.fdwgateway.error.AuthFailure;
import io.fdwgateway.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleResolverTest {

    private static final List<String> ALLOWED = List.of("service_role", "authenticated", "anon");

    private static RoleResolver resolver(String claim, Optional<String> anonymous, Map<String, String> mapping) {
        return new RoleResolver(new RoleResolver.RoleRules(claim, "authenticated", anonymous, ALLOWED, mapping));
    }

    private static final RoleResolver DEFAULT = resolver("role", Optional.of("anon"), Map.of("realm-admin", "service_role"));

    private static Caller caller(JsonObject claims) {
        return Caller.of(claims.put("sub", "alice"));
    }

    private static int status(RoleResolver r, Caller c) {
        return assertThrows(GatewayException.class, () -> r.resolve(c)).error().status();
    }

    @Test
    void anonymousGetsTheAnonymousRoleOr401() {
        assertEquals("anon", DEFAULT.resolve(Caller.anonymousCaller()));
        assertEquals(401, status(resolver("role", Optional.empty(), Map.of()), Caller.anonymousCaller()));
    }

    @Test
    void absentClaimGivesTheDefault() {
        assertEquals("authenticated", DEFAULT.resolve(caller(new JsonObject())));
    }

    @Test
    void allowedStringClaimIsUsedAsTheAllowListsOwnString() {
        String claimValue = new String("service_role".toCharArray());
        String role = DEFAULT.resolve(caller(new JsonObject().put("role", claimValue)));
        assertEquals("service_role", role);
        assertSame(ALLOWED.get(0), role, "the returned role must be the configured string, not the claim's");
    }

    @Test
    void mappingTranslatesIdentityProviderNames() {
        assertEquals("service_role", DEFAULT.resolve(caller(new JsonObject().put("role", "realm-admin"))));
    }

    @Test
    void rolesOutsideTheAllowListAreRefused() {
        for (String bad : List.of("postgres", "authenticator", "api_definer", "anon; drop table x", "Authenticated",
                "authenticated ", "", "\"authenticated\"", "pg_read_all_data")) {
            assertEquals(403, status(DEFAULT, caller(new JsonObject().put("role", bad))), bad);
        }
    }

    @Test
    void claimsOfOtherTypesAreRefused() {
        assertEquals(403, status(DEFAULT, caller(new JsonObject().put("role", 1))));
        assertEquals(403, status(DEFAULT, caller(new JsonObject().put("role", true))));
        assertEquals(403, status(DEFAULT, caller(new JsonObject().put("role", new JsonObject().put("name", "anon")))));
        assertEquals(403, status(DEFAULT, caller(new JsonObject().putNull("role"))));
    }

    @Test
    void arrayClaimTakesTheFirstAllowedRoleInAllowListOrder() {
        RoleResolver keycloak = resolver("realm_access.roles", Optional.empty(), Map.of("realm-admin", "service_role"));
        JsonObject claims = new JsonObject().put("realm_access",
                new JsonObject().put("roles", new JsonArray().add("offline_access").add("authenticated").add("realm-admin")));
        assertEquals("service_role", keycloak.resolve(caller(claims)));
    }

    @Test
    void arrayGrantingNothingFallsBackToTheDefault() {
        RoleResolver keycloak = resolver("realm_access.roles", Optional.empty(), Map.of());
        JsonObject claims = new JsonObject().put("realm_access",
                new JsonObject().put("roles", new JsonArray().add("postgres").add(7).add("uma_authorization")));
        assertEquals("authenticated", keycloak.resolve(caller(claims)));
    }

    @Test
    void namespacedClaimWithDotsIsFoundByItsLiteralName() {
        RoleResolver auth0 = resolver("https://example.com/role", Optional.empty(), Map.of());
        assertEquals("service_role", auth0.resolve(caller(new JsonObject().put("https://example.com/role", "service_role"))));
    }

    @Test
    void dottedPathThroughANonObjectIsAbsent() {
        RoleResolver nested = resolver("a.b", Optional.empty(), Map.of());
        assertEquals("authenticated", nested.resolve(caller(new JsonObject().put("a", "string"))));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new RoleResolver.RoleRules("role", "postgres", Optional.empty(), ALLOWED, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new RoleResolver.RoleRules("role", "anon", Optional.of("postgres"), ALLOWED, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new RoleResolver.RoleRules("role", "anon", Optional.empty(), List.of(), Map.of()));
    }

    @Test
    void eachBadSettingIsNamedByItsKey() {
        assertEquals("gateway.role.default (postgres) must be one of gateway.role.allowed " + ALLOWED,
                assertThrows(IllegalArgumentException.class, () -> new RoleResolver.RoleRules("role", "postgres",
                        Optional.empty(), ALLOWED, Map.of())).getMessage());
        assertEquals("gateway.role.anonymous (authenticator) must be one of gateway.role.allowed " + ALLOWED,
                assertThrows(IllegalArgumentException.class, () -> new RoleResolver.RoleRules("role", "anon",
                        Optional.of("authenticator"), ALLOWED, Map.of())).getMessage());
        assertEquals("gateway.role.mapping.\"realm-admin\" (postgres) must be one of gateway.role.allowed " + ALLOWED,
                assertThrows(IllegalArgumentException.class, () -> new RoleResolver.RoleRules("role", "anon",
                        Optional.empty(), ALLOWED, Map.of("viewer", "anon", "realm-admin", "postgres"))).getMessage());
    }

    @Test
    void refusalsCarryTheirReason() {
        assertEquals(Optional.of(AuthFailure.MISSING), assertThrows(GatewayException.class,
                () -> resolver("role", Optional.empty(), Map.of()).resolve(Caller.anonymousCaller())).error().authFailure());
        assertEquals(Optional.of(AuthFailure.ROLE_REFUSED), assertThrows(GatewayException.class,
                () -> DEFAULT.resolve(caller(new JsonObject().put("role", "postgres")))).error().authFailure());
    }
}
