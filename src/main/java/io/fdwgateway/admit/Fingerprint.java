package io.fdwgateway.admit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What an idempotent call must repeat to be the same call: the function (its signature), the
 * role it runs as and its arguments, as SHA-256. Object members are taken in name order, so
 * {@code {"a":1,"b":2}} and {@code {"b":2,"a":1}} are one call; values are compared as JSON.
 */
public final class Fingerprint {

    static final int LENGTH = 32;

    private Fingerprint() {
    }

    /**
     * @param signature the routine as {@code schema.name(types)}
     * @param role      the role the call runs as
     * @param arguments the named arguments, or null for none
     */
    public static byte[] of(String signature, String role, JsonNode arguments) {
        MessageDigest digest = sha256();
        update(digest, signature);
        update(digest, role);
        update(digest, canonical(arguments == null ? JsonNodeFactory.instance.objectNode() : arguments).toString());
        return digest.digest();
    }

    /** A copy with every object's members in name order. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(child -> array.add(canonical(child)));
            return array;
        }
        return node;
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        // length first, so that no two different splits of the same bytes hash alike
        digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
