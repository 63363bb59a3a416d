package io.fdwgateway.shape;

import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import java.util.Set;

/** The representations a call's result can be sent in. */
public enum Media {
    /** The JSON Postgres built: an array for a set, the value otherwise. */
    JSON("application/json; charset=utf-8"),
    /** PostgREST's single object: the one row of a set (406 unless exactly one), the value otherwise. */
    OBJECT("application/vnd.pgrst.object+json; charset=utf-8"),
    /** RFC 4180 CSV with a header row, for set-returning functions. */
    CSV("text/csv; charset=utf-8"),
    /** The bare text of a function returning a text scalar. */
    TEXT("text/plain; charset=utf-8");

    private static final Set<String> TEXT_TYPES = Set.of("text", "character varying", "character");

    private final String contentType;

    Media(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether this function's result can be sent in this representation. */
    public boolean fits(Routine routine) {
        ReturnShape shape = routine.shape();
        return switch (this) {
            case JSON, OBJECT -> true;
            case CSV -> shape == ReturnShape.SET_OF_ROWS || shape == ReturnShape.SET_OF_SCALARS;
            case TEXT -> shape == ReturnShape.SCALAR && TEXT_TYPES.contains(routine.returnType());
        };
    }

    public static boolean isSet(Routine routine) {
        return routine.shape() == ReturnShape.SET_OF_ROWS || routine.shape() == ReturnShape.SET_OF_SCALARS;
    }
}
