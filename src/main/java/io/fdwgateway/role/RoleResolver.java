package io.fdwgateway.role;

import io.fdwgateway.auth.Caller;
import io.fdwgateway.error.AuthFailure;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Caller to Postgres role. Pure: no I/O, no framework. The role it returns is always one of
 * the allow-list's own strings, never a claim value, so nothing a token says reaches
 * Postgres as a role name unless an operator listed it.
 */
public final class RoleResolver {

    private final RoleRules global;
    private final Map<String, RoleRules> tenants;

    public RoleResolver(RoleRules rules) {
        this(rules, Map.of());
    }

    /** @param tenants rules of the quarkus-oidc tenants that override the global ones, by tenant id */
    public RoleResolver(RoleRules rules, Map<String, RoleRules> tenants) {
        this.global = rules;
        this.tenants = Map.copyOf(tenants);
    }

    /** @throws GatewayException 401 for an anonymous caller when anonymous access is off, 403 for a refused claim */
    public String resolve(Caller caller) {
        RoleRules rules = caller.tenant() == null ? global : tenants.getOrDefault(caller.tenant(), global);
        if (caller.anonymous()) {
            return rules.anonymous().orElseThrow(() -> new GatewayException(new GatewayError.Unauthorized(
                    ErrorCode.MISSING_TOKEN, "This gateway needs a bearer token.", false, AuthFailure.MISSING)));
        }
        Optional<Object> claim = ClaimPath.lookup(caller.claims(), rules.claim());
        if (claim.isEmpty()) {
            return rules.defaultRole();
        }
        Object value = claim.get();
        if (value instanceof String name) {
            return allowed(rules, map(rules, name)).orElseThrow(RoleResolver::refused);
        }
        if (value instanceof JsonArray array) {
            return fromArray(rules, array);
        }
        // null, numbers, booleans and objects name no role; guessing one would be unsafe.
        throw refused();
    }

    private static String fromArray(RoleRules rules, JsonArray array) {
        Set<String> granted = new HashSet<>();
        for (Object entry : array) {
            if (entry instanceof String name) {
                granted.add(map(rules, name));
            }
        }
        for (String role : rules.allowed()) {
            if (granted.contains(role)) {
                return role;
            }
        }
        return rules.defaultRole();
    }

    private static String map(RoleRules rules, String claimValue) {
        return rules.mapping().getOrDefault(claimValue, claimValue);
    }

    /** Returns the allow-list's own string, so the caller's string is never used. */
    private static Optional<String> allowed(RoleRules rules, String role) {
        return rules.allowed().stream().filter(role::equals).findFirst();
    }

    private static GatewayException refused() {
        return new GatewayException(new GatewayError.Forbidden(ErrorCode.ROLE_NOT_ALLOWED,
                "The token's role claim names no role this gateway allows.", AuthFailure.ROLE_REFUSED));
    }

    /** The role settings, validated once at start-up. */
    public record RoleRules(String claim, String defaultRole, Optional<String> anonymous, List<String> allowed,
                            Map<String, String> mapping) {

        public RoleRules {
            allowed = List.copyOf(allowed);
            mapping = Map.copyOf(mapping);
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("gateway.role.allowed must name at least one role");
            }
            if (!allowed.contains(defaultRole)) {
                throw new IllegalArgumentException(
                        "gateway.role.default (" + defaultRole + ") must be one of gateway.role.allowed " + allowed);
            }
            if (anonymous.isPresent() && !allowed.contains(anonymous.get())) {
                throw new IllegalArgumentException("gateway.role.anonymous (" + anonymous.get()
                        + ") must be one of gateway.role.allowed " + allowed);
            }
            for (Map.Entry<String, String> entry : new TreeMap<>(mapping).entrySet()) {
                if (!allowed.contains(entry.getValue())) {
                    throw new IllegalArgumentException("gateway.role.mapping.\"" + entry.getKey() + "\" ("
                            + entry.getValue() + ") must be one of gateway.role.allowed " + allowed);
                }
            }
        }
    }

    /** Finds a claim by its literal name first (namespaced claims contain dots), then by dotted path. */
    public static final class ClaimPath {
        private ClaimPath() {
        }

        /** The claim, or empty when absent; a claim present with JSON null answers {@link NullClaim#INSTANCE}. */
        public static Optional<Object> lookup(JsonObject claims, String path) {
            if (claims.containsKey(path)) {
                return Optional.ofNullable(claims.getValue(path)).or(() -> Optional.of(NullClaim.INSTANCE));
            }
            Object current = claims;
            for (String segment : path.split("\\.", -1)) {
                if (!(current instanceof JsonObject object) || !object.containsKey(segment)) {
                    return Optional.empty();
                }
                current = object.getValue(segment);
                if (current == null) {
                    return Optional.of(NullClaim.INSTANCE);
                }
            }
            return Optional.of(current);
        }
    }

    /** A claim that is present with JSON null: refused, not treated as absent. */
    public enum NullClaim { INSTANCE }
}
