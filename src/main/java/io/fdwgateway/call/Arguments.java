package io.fdwgateway.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/** The named arguments of one request, as a JSON object, checked for what Postgres cannot take. */
public record Arguments(ObjectNode values) {

    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        values.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Postgres text cannot hold NUL; catching it here gives a clearer answer than 22P05. */
    static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                if (names.next().indexOf('\0') >= 0) {
                    return true;
                }
            }
        }
        for (JsonNode child : node) {
            if (containsNul(child)) {
                return true;
            }
        }
        return false;
    }
}
