package io.fdwgateway.http;

import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.ResultForm;
import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.exec.CallResult;
import io.fdwgateway.shape.ContentRange;
import io.fdwgateway.shape.Media;
import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * Turns a call's result into the answer's status, headers and body in the representation the
 * plan chose: 204 for a void function; for a shaped set, {@code Content-Range}, 206 when the
 * count shows rows left out, 416 when the window starts past the counted rows, and 406 when one
 * object was asked for and the result has not exactly one row.
 */
final class Representation {

    private Representation() {
    }

    /** @param body null for 204 */
    record Sent(int status, String contentType, Map<String, String> headers, Buffer body) {
    }

    static Sent of(CallPlan plan, CallResult result) {
        if (plan.shape() == ReturnShape.VOID) {
            return new Sent(204, null, Map.of(), null);
        }
        ResultForm form = plan.form();
        Media media = form.media();
        if (!form.shaped()) {
            Buffer body = media == Media.TEXT && result.json() == null ? Buffer.buffer() : result.body();
            return new Sent(200, media.contentType(), Map.of(), body);
        }
        long rows = result.rows() == null ? 0 : result.rows();
        Long total = result.total();
        long offset = form.shaping().window().offset();
        if (total != null && offset > 0 && offset >= total) {
            throw new GatewayException(new GatewayError.RangeNotSatisfiable(
                    "The window starts at row " + offset + " of " + total + ".", "*/" + total));
        }
        if (media == Media.OBJECT && rows != 1) {
            throw new GatewayException(new GatewayError.NotAcceptable(ErrorCode.SINGLE_OBJECT,
                    "The result contains " + rows + " rows; application/vnd.pgrst.object+json needs exactly one."));
        }
        return new Sent(ContentRange.status(rows, total), media.contentType(),
                Map.of("Content-Range", ContentRange.of(offset, rows, total)), result.body());
    }
}
