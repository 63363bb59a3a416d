package io.fdwgateway.warmup;

import io.fdwgateway.config.ApiPath;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The request the warm-up sends, from {@code gateway.warmup.path}: the path and query of a GET
 * to one function of the API, such as {@code /rpc/add?a=1&b=2}. Only a path under the API's
 * {@code /rpc/} is accepted, so the warm-up goes through the same route, admission and call as
 * a client's request and never anywhere else (a Quarkus endpoint, another host).
 *
 * @param uri the path and query as sent, e.g. {@code /rest/v1/rpc/add?a=1&b=2}
 */
public record WarmupTarget(String uri) {

    public static final String KEY = "gateway.warmup.path";

    /**
     * Checks the configured value.
     *
     * @throws IllegalArgumentException naming the key, the value and what is expected
     */
    public static WarmupTarget of(String configured, ApiPath api) {
        String rpc = api.of("/rpc/");
        String value = configured.trim();
        if (value.matches("[A-Za-z]+\\s+\\S.*")) {
            throw refused(configured, rpc, "give the path alone, the warm-up always sends a GET");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw refused(configured, rpc, "it is not a valid URI path (" + e.getReason() + ")");
        }
        if (uri.getScheme() != null || uri.getRawAuthority() != null || !value.startsWith("/")) {
            throw refused(configured, rpc, "it must be a path on this gateway, without method, scheme or host");
        }
        if (uri.getRawFragment() != null) {
            throw refused(configured, rpc, "it must not have a fragment");
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith(rpc)) {
            throw refused(configured, rpc, "it must start with " + rpc);
        }
        String function = path.substring(rpc.length());
        if (function.isEmpty() || function.contains("/")) {
            throw refused(configured, rpc, "it must name one function after " + rpc);
        }
        return new WarmupTarget(value);
    }

    private static IllegalArgumentException refused(String configured, String rpc, String why) {
        return new IllegalArgumentException(KEY + " must be the path and query of a GET to one function, such as "
                + rpc + "add?a=1&b=2, not '" + configured + "': " + why);
    }
}
