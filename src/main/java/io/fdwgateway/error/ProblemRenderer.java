package io.fdwgateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** The only place a {@link GatewayError} becomes an HTTP answer. */
@ApplicationScoped
public class ProblemRenderer {

    private final ObjectMapper mapper;

    public ProblemRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Response toResponse(GatewayError error, String requestId) {
        Response.ResponseBuilder builder = Response.status(error.status())
                .type(Problem.MEDIA_TYPE)
                .header(RequestIds.HEADER, requestId)
                .entity(toJson(error, requestId));
        error.headers().forEach(builder::header);
        return builder.build();
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
