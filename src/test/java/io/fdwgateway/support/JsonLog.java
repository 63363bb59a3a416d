package io.fdwgateway.support;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** The production console log (one JSON object per line) as the plain text a person reads. */
public final class JsonLog {

    private JsonLog() {
    }

    /**
     * Each JSON line as {@code LEVEL [logger] message}, followed by its exception's text when it
     * has one; lines that are not JSON (the JVM's own) as they are.
     */
    public static String text(String log) {
        StringBuilder text = new StringBuilder();
        for (String line : log.split("\n")) {
            try {
                JsonObject record = new JsonObject(line);
                text.append(record.getString("level")).append(" [").append(record.getString("loggerName")).append("] ")
                        .append(record.getString("message"));
                JsonObject exception = record.getJsonObject("exception");
                if (exception != null) {
                    text.append('\n').append(exception.encode());
                }
            } catch (DecodeException | ClassCastException notJson) {
                text.append(line);
            }
            text.append('\n');
        }
        return text.toString();
    }
}
