package io.fdwgateway.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fdwgateway.auth.Caller;
import io.fdwgateway.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionClaimsTest {

    private static final CallerRoles ROLES = new CallerRoles(new RoleResolver(new RoleResolver.RoleRules("role",
            "authenticated", Optional.of("anon"), List.of("anon", "authenticated", "service_role"),
            Map.of("realm-admin", "service_role"))));

    @Test
    void roleMemberIsTheEffectiveRoleAndTheClaimedOneIsKept() {
        Caller caller = Caller.of(new JsonObject().put("sub", "alice").put("role", "realm-admin").put("email", "a@x"));
        JsonObject claims = new JsonObject(SessionClaims.json(caller, "service_role"));
        assertEquals(new JsonObject().put("sub", "alice").put("role", "service_role").put("email", "a@x")
                .put(SessionClaims.CLAIMED_ROLE, "realm-admin"), claims);
        assertEquals("realm-admin", caller.claims().getString("role"), "the verified claims are not modified");
    }

    @Test
    void withoutARoleClaimOnlyTheEffectiveRoleIsAdded() {
        Caller caller = Caller.of(new JsonObject().put("sub", "bob").put("roles", new JsonArray().add("x")));
        assertEquals(new JsonObject().put("sub", "bob").put("roles", new JsonArray().add("x")).put("role", "authenticated"),
                new JsonObject(SessionClaims.json(caller, "authenticated")));
    }

    @Test
    void anonymousCallersGetOnlyTheirRole() {
        assertEquals("{\"role\":\"anon\"}", SessionClaims.json(Caller.anonymousCaller(), "anon"));
        assertEquals(new CallerRoles.Assignment("anon", "{\"role\":\"anon\"}"), ROLES.assign(Caller.anonymousCaller(), "r"));
    }

    @Test
    void assignmentIsComputedOncePerCaller() {
        Caller caller = Caller.of(new JsonObject().put("sub", "alice").put("role", "realm-admin"));
        CallerRoles.Assignment first = ROLES.assign(caller, "r1");
        assertEquals("service_role", first.role());
        assertSame(first, ROLES.assign(caller, "r2"));
        assertSame(ROLES.assign(Caller.anonymousCaller(), "r3"), ROLES.assign(Caller.anonymousCaller(), "r4"));
    }

    @Test
    void refusedCallersAreNotRemembered() {
        Caller caller = Caller.of(new JsonObject().put("sub", "mallory").put("role", "postgres"));
        assertEquals(403, assertThrows(GatewayException.class, () -> ROLES.assign(caller, "r")).error().status());
        assertEquals(403, assertThrows(GatewayException.class, () -> ROLES.assign(caller, "r")).error().status());
    }
}
