package io.fdwgateway.admit;

import io.fdwgateway.support.Management;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample of the gateway's Prometheus endpoint. */
final class Metrics {

    private Metrics() {
    }

    /** The value of {@code name} with exactly these labels ({@code function="add"}), or 0 when absent. */
    static double value(String name, String labels) {
        String text = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{" + Pattern.quote(labels) + ",?\\} (\\S+)$")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
