package io.fdwgateway.call;

import io.fdwgateway.shape.Media;
import io.fdwgateway.shape.ShapeRequest;
import java.util.List;

/**
 * What a request asks of the result, before the function is known: the representations it
 * accepts (most preferred first) and how it shapes a set's rows.
 *
 * @param maxRows {@code gateway.max-rows}, or null
 */
public record ResultRequest(List<Media> acceptable, ShapeRequest shaping, Long maxRows) {

    /** JSON, whole: what a request without Accept, shaping or a row cap asks. */
    public static final ResultRequest JSON = new ResultRequest(List.of(Media.JSON), ShapeRequest.NONE, null);

    public ResultRequest {
        acceptable = List.copyOf(acceptable);
    }
}
