package io.fdwgateway.http;

import io.fdwgateway.config.ApiPath;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /}: where to go from here, as a small JSON index: the function URL template,
 * the OpenAPI document and the health checks, at the paths this configuration serves them.
 */
@Singleton
public class IndexHandler {

    private final byte[] index;
    private final ResponseWriter writer;

    public IndexHandler(
            ObjectMapper mapper, ResponseWriter writer, ApiPath api,
            @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String rootPath,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String nonAppPath,
            @ConfigProperty(name = "quarkus.smallrye-openapi.path", defaultValue = "openapi") String openApiPath,
            @ConfigProperty(name = "quarkus.smallrye-health.root-path", defaultValue = "health") String healthPath,
            @ConfigProperty(name = "quarkus.management.enabled", defaultValue = "false") boolean management,
            @ConfigProperty(name = "gateway.openapi.mode", defaultValue = "follow-privileges") String openApiMode) {
        this.writer = writer;
        String nonApp = resolve(rootPath, nonAppPath);
        Map<String, String> links = new LinkedHashMap<>();
        links.put("service", "fdw-gateway");
        links.put("functions", resolve(rootPath, (api.prefix() + "/rpc/{function}").substring(1)));
        if (!"disabled".equalsIgnoreCase(openApiMode)) {
            links.put("openapi", resolve(nonApp, openApiPath));
        }
        if (!management) {
            // on the management interface, health is on another port: not a link from here
            links.put("health", resolve(nonApp, healthPath));
        }
        try {
            this.index = mapper.writeValueAsBytes(links);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    void handle(RoutingContext rc) {
        writer.json(rc, Buffer.buffer(index));
    }

    /** Quarkus' rule: a path starting with '/' is absolute, any other is relative to its parent. */
    static String resolve(String parent, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + path;
    }
}
