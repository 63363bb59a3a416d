package io.fdwgateway.dev;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Dev mode only: tells the developer how to get a token and make the first call. */
@Singleton
@IfBuildProfile("dev")
public class DevBanner {

    private static final Logger LOG = Logger.getLogger(DevBanner.class);

    private final String issuer;
    private final int httpPort;
    private final String database;

    public DevBanner(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String issuer,
                     @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.issuer = issuer;
        this.httpPort = httpPort;
        this.database = DevEnvironment.psqlCommand();
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        LOG.infof("""

                fdw-gateway embedded default: reference database + local OIDC issuer %s
                  get a token:
                    TOKEN=$(curl -s -X POST %s/protocol/openid-connect/token -d sub=alice | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  first call:
                    curl -s -H "Authorization: Bearer $TOKEN" "http://localhost:%d/rpc/get_stripe_products?name_prefix=Basic"
                  without a token (role anon):
                    curl -s http://localhost:%d/rpc/list_plans
                  the database, as superuser: %s
                """, issuer, issuer, httpPort, httpPort, database);
    }
}
