package io.fdwgateway.call;

import io.fdwgateway.shape.Media;
import io.fdwgateway.shape.ShapePlan;
import java.util.List;

/**
 * How a call's result is sent: its representation and, for a set-returning function whose
 * result is filtered, sorted, windowed, counted or sent other than as JSON, the checked
 * shaping plan and the values its SQL binds (one {@code text[]} parameter).
 *
 * @param shaping null when the result is sent whole (the plain call SQL)
 * @param values  the bound shaping values, in the order the SQL's subscripts name them; empty when unshaped
 */
public record ResultForm(Media media, ShapePlan shaping, List<String> values) {

    public static final ResultForm JSON = new ResultForm(Media.JSON, null, List.of());

    public ResultForm {
        values = values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    public boolean shaped() {
        return shaping != null;
    }
}
