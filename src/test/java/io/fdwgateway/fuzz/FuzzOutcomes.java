package io.fdwgateway.fuzz;

import io.fdwgateway.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** What the fuzz targets share: how bytes become header fields, and what an acceptable refusal is. */
final class FuzzOutcomes {

    private FuzzOutcomes() {
    }

    /** The input as header fields: UTF-8 (malformed sequences replaced), one field per line. */
    static List<String> fields(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        return Arrays.asList(text.split("\n", -1));
    }

    /** A refusal must be the gateway's own 4xx with the expected code; anything else fails the target. */
    static void expectRefusal(GatewayException e, int status, String code) {
        if (e.error().status() != status || !code.equals(e.error().code())) {
            throw new AssertionError("unexpected refusal " + e.error().status() + " " + e.error().code(), e);
        }
        String detail = e.error().detail();
        if (detail == null || detail.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new AssertionError("a refusal's detail must be printable: " + detail, e);
        }
    }
}
