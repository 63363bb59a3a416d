package io.fdwgateway.role;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fdwgateway.auth.Caller;
import io.fdwgateway.error.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Caller to the role a call runs as and the claims JSON it sees, computed once per verified
 * caller: the verified-token cache hands back the same {@link Caller} for the same token, and
 * the result is remembered for as long as that caller is (weakly, by identity), so a repeated
 * token costs neither the role rules nor a JSON encoding.
 */
@ApplicationScoped
public class CallerRoles {

    private static final Logger LOG = Logger.getLogger(CallerRoles.class);

    /**
     * @param role       an allow-listed role, for {@code set_config('role', …)}
     * @param claimsJson for {@code request.jwt.claims}, with {@code role} set to {@code role}
     */
    public record Assignment(String role, String claimsJson) {
    }

    private final RoleResolver resolver;
    private final Cache<Caller, Assignment> assigned = Caffeine.newBuilder().weakKeys().executor(Runnable::run).build();

    public CallerRoles(RoleResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @throws GatewayException 401 for an anonymous caller when anonymous calls are off, 403 for a
     *                          refused role claim; either is logged at INFO under the request id
     */
    public Assignment assign(Caller caller, String requestId) {
        Assignment known = assigned.getIfPresent(caller);
        if (known != null) {
            return known;
        }
        String role;
        try {
            role = resolver.resolve(caller);
        } catch (GatewayException e) {
            e.error().authFailure().ifPresent(reason -> LOG.infof("[%s] caller refused (%s): %s", requestId,
                    reason.label(), caller.anonymous() ? "no bearer token, and anonymous calls are off"
                            : "the role claim names no allowed role"));
            throw e;
        }
        Assignment assignment = new Assignment(role, SessionClaims.json(caller, role));
        assigned.put(caller, assignment);
        return assignment;
    }
}
