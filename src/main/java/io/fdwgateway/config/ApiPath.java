package io.fdwgateway.config;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where the API lives: {@code /rpc/{function}} under the prefix {@code quarkus.rest.path}
 * (Quarkus' own key for the REST API's path; the gateway routes on Vert.x directly and reads it
 * itself). supabase-js calls {@code <url>/rest/v1/rpc/<fn>}, so a gateway behind a Supabase URL
 * sets {@code quarkus.rest.path=/rest/v1}. Read at start-up, not at build time. The OpenAPI
 * document names the prefix as its server URL ({@code quarkus.smallrye-openapi.servers} defaults
 * to it in application.properties).
 */
@Singleton
public class ApiPath {

    public static final String KEY = "quarkus.rest.path";
    private static final Logger LOG = Logger.getLogger(ApiPath.class);

    private final String prefix;

    public ApiPath(@ConfigProperty(name = KEY, defaultValue = "/") String configured) {
        this.prefix = normalise(configured);
        if (!prefix.isEmpty()) {
            // quarkus-rest is not installed, so Quarkus warns that the key is unrecognised and ignored
            LOG.infof("the API is served under %s (%s, read by the gateway itself: Quarkus' warning that the key"
                    + " is unrecognised does not apply)", prefix, KEY);
        }
    }

    /** The prefix without a trailing slash: empty for the root, else {@code /rest/v1}. */
    public String prefix() {
        return prefix;
    }

    /** A path of the API, e.g. {@code /rpc/:function} under the prefix. */
    public String of(String path) {
        return prefix + path;
    }

    /** The path as the API sees it: the request's path without the prefix. */
    public String withinApi(String requestPath) {
        return !prefix.isEmpty() && requestPath.startsWith(prefix) ? requestPath.substring(prefix.length()) : requestPath;
    }

    /**
     * {@code /}, {@code rest/v1}, {@code /rest/v1/} → "", {@code /rest/v1}.
     *
     * @throws IllegalArgumentException naming the key, for a value a route cannot be built from
     */
    public static String normalise(String configured) {
        String path = configured.trim();
        if (!path.matches("[A-Za-z0-9._~/-]*") || path.contains("//") || path.contains("/./")
                || path.contains("/../") || path.endsWith("/..") || path.endsWith("/.")) {
            throw new IllegalArgumentException(KEY + " must be a plain path such as /rest/v1, not '" + configured + "'");
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
