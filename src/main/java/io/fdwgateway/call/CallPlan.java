package io.fdwgateway.call;

import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;

/**
 * A vetted call, ready to run: the SQL text holds only catalog-derived quoted identifiers,
 * and every value the client sent is inside {@code argumentsJson}, bound as {@code $2}
 * ({@code $1} is the response size limit; see {@link CallStatements#callValues}).
 *
 * @param argumentsJson JSON object of the named arguments, or null when none were given
 * @param allow         the verbs this function's URL accepts, for a 405 answer
 * @param form          the result's representation and shaping; its values are bound after the arguments
 */
public record CallPlan(Routine routine, String sql, String argumentsJson, String allow, ResultForm form) {

    public CallPlan(Routine routine, String sql, String argumentsJson, String allow) {
        this(routine, sql, argumentsJson, allow, ResultForm.JSON);
    }

    public boolean readOnly() {
        return routine.volatility().readOnly();
    }

    public ReturnShape shape() {
        return routine.shape();
    }
}
