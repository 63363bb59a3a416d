package io.fdwgateway.http;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * PostgREST's schema profiles: {@code Accept-Profile} (GET, HEAD and the other reading verbs)
 * or {@code Content-Profile} (POST) names the one schema of {@code gateway.exposed-schemas}
 * that answers. Without one, the exposed schemas are searched in order. A profile outside them
 * answers 406 {@code GW406-profile}; with more than one exposed schema, answers say which
 * schema answered in {@code Content-Profile}.
 */
@Singleton
public class Profiles {

    public static final String ACCEPT = "Accept-Profile";
    public static final String CONTENT = "Content-Profile";

    private final List<String> exposed;

    public Profiles(GatewayConfig config) {
        this.exposed = List.copyOf(config.exposedSchemas());
    }

    /** The header a request of this method names its schema in. */
    static String headerFor(HttpMethod method) {
        return method == HttpMethod.POST ? CONTENT : ACCEPT;
    }

    /**
     * The schema the request names, empty when it names none; puts it on the answer when there
     * are several schemas to tell apart.
     *
     * @throws GatewayException 406 {@code GW406-profile} for a schema outside the exposed ones
     */
    Optional<String> requested(RoutingContext rc) {
        Optional<String> profile = choose(rc.request().headers().getAll(headerFor(rc.request().method())), exposed);
        profile.ifPresent(schema -> answeredFrom(rc, schema));
        return profile;
    }

    /** Marks the answer as coming from this schema, when more than one is exposed. */
    void answeredFrom(RoutingContext rc, String schema) {
        if (exposed.size() > 1) {
            rc.response().headers().set(CONTENT, schema);
        }
    }

    /**
     * Pure rule for fuzzing and tests: no header is no profile; one header naming an exposed
     * schema exactly (schema names are case-sensitive, as in Postgres) is that schema; anything
     * else (an unknown schema, an empty value, the header repeated) is refused.
     */
    public static Optional<String> choose(List<String> values, List<String> exposed) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() == 1) {
            String schema = values.get(0).trim();
            if (exposed.contains(schema)) {
                return Optional.of(schema);
            }
        }
        throw new GatewayException(new GatewayError.UnknownProfile(exposed));
    }
}
