package io.fdwgateway.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fdwgateway.auth.Caller;
import io.fdwgateway.catalog.Directives.Bind;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.role.RoleResolver.ClaimPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Arguments a function's {@code @bind <argument> = claims.<path>} lines fill from the verified
 * token. The client never chooses them: a request that sends one is refused, so a definer
 * function that trusts an id argument cannot be called with somebody else's id. Pure.
 */
final class BoundArguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BoundArguments() {
    }

    /** 400 when the request names an argument that any of {@code candidates} binds. */
    static void refuseClientValues(List<Routine> candidates, Arguments arguments) {
        for (Routine r : candidates) {
            for (Bind bind : r.directives().binds()) {
                if (arguments.values().has(bind.argument())) {
                    throw ArgumentReader.bad(ErrorCode.BOUND_ARGUMENT, "Argument '" + bind.argument()
                            + "' is taken from the caller's token; a request may not send it.");
                }
            }
        }
    }

    /**
     * The request's arguments with {@code routine}'s bound ones added from the caller's claims:
     * 401 for an anonymous caller, 403 when the token lacks the claim (or holds null there).
     */
    static Arguments fill(Routine routine, Arguments arguments, Caller caller) {
        List<Bind> binds = routine.directives().binds();
        if (binds.isEmpty()) {
            return arguments;
        }
        if (caller == null || caller.anonymous()) {
            throw new GatewayException(new GatewayError.Unauthorized(ErrorCode.MISSING_TOKEN,
                    "This function takes arguments from the caller's token; send a bearer token.", false));
        }
        ObjectNode values = arguments.values().deepCopy();
        for (Bind bind : binds) {
            Optional<JsonNode> value = ClaimPath.lookup(caller.claims(), bind.claimPath()).flatMap(BoundArguments::json);
            if (value.isEmpty()) {
                // the claim's path is the function author's, not a secret; its value is never echoed
                throw new GatewayException(new GatewayError.Forbidden(ErrorCode.BOUND_CLAIM_MISSING,
                        "The token lacks the claim '" + bind.claimPath() + "' this function needs."));
            }
            values.set(bind.argument(), value.get());
        }
        return new Arguments(values);
    }

    private static Optional<JsonNode> json(Object claim) {
        Object encodable = claim instanceof JsonObject o ? o.getMap() : claim instanceof JsonArray a ? a.getList() : claim;
        if (claim == null || claim instanceof Enum<?>) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(JSON.writeValueAsString(encodable)));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
