package io.fdwgateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** The only place a {@link GatewayError} becomes a problem+json body. */
@ApplicationScoped
public class ProblemRenderer {

    private final ObjectMapper mapper;

    public ProblemRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String toJson(GatewayError error, String requestId) {
        try {
            return mapper.writeValueAsString(Problem.of(error, requestId));
        } catch (JsonProcessingException e) {
            // Cannot happen for a record of strings and an int; keep the answer well-formed anyway.
            return "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,\"code\":\""
                    + ErrorCode.INTERNAL_ERROR + "\"}";
        }
    }
}
