package io.fdwgateway.audit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Findings accepted in a committed file: the output of {@code audit --json}. A finding is
 * accepted when the file has one of the same rule and object; so CI fails only on new ones.
 */
public record Baseline(Set<Key> accepted) {

    /** What identifies a finding across runs: its rule and the object it names. */
    public record Key(String rule, String object) {
        static Key of(Finding f) {
            return new Key(f.ruleId(), f.object());
        }
    }

    public Baseline {
        accepted = Set.copyOf(accepted);
    }

    /** Reads a baseline; the message of the exception says what is wrong with the file. */
    public static Baseline read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Set<Key> keys = new HashSet<>();
        try {
            JsonArray findings = new JsonObject(text).getJsonArray("findings");
            if (findings == null) {
                throw new IOException(file + " has no \"findings\" array (write it with audit --json)");
            }
            for (Object item : findings) {
                if (!(item instanceof JsonObject f) || f.getString("rule") == null || f.getString("object") == null) {
                    throw new IOException(file + ": every finding needs \"rule\" and \"object\"");
                }
                keys.add(new Key(f.getString("rule"), f.getString("object")));
            }
        } catch (DecodeException | ClassCastException e) {
            throw new IOException(file + " is not the JSON that audit --json writes");
        }
        return new Baseline(keys);
    }

    public boolean accepts(Finding f) {
        return accepted.contains(Key.of(f));
    }

    /** Accepted findings the audit no longer reports: the baseline can shrink. */
    public Set<Key> gone(List<Finding> findings) {
        Set<Key> gone = new HashSet<>(accepted);
        findings.forEach(f -> gone.remove(Key.of(f)));
        return gone;
    }
}
