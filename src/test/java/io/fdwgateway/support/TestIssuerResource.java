package io.fdwgateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the gateway at a {@link TestIssuer} and hands that issuer to the test's field annotated
 * {@link InjectIssuer}. Arguments: {@code down=true} leaves it stopped when the gateway starts;
 * {@code introspection=true} makes its discovery advertise an introspection endpoint and gives
 * the gateway client credentials, the two conditions under which quarkus-oidc would introspect.
 * Every other argument is passed on as configuration.
 */
public class TestIssuerResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@link TestIssuer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectIssuer {
    }

    private final Map<String, String> config = new HashMap<>();
    private TestIssuer issuer;
    private boolean down;

    @Override
    public void init(Map<String, String> args) {
        Map<String, String> rest = new HashMap<>(args);
        down = Boolean.parseBoolean(rest.remove("down"));
        boolean introspection = Boolean.parseBoolean(rest.remove("introspection"));
        issuer = TestIssuer.create(introspection);
        config.put("quarkus.oidc.auth-server-url", issuer.issuer());
        config.put("quarkus.oidc.token.audience", TestIssuer.AUDIENCE);
        if (introspection) {
            config.put("quarkus.oidc.client-id", "fdw-gateway");
            config.put("quarkus.oidc.credentials.secret", "test-client-secret");
        }
        config.putAll(rest);
    }

    @Override
    public Map<String, String> start() {
        if (!down) {
            issuer.start();
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(issuer, new TestInjector.AnnotatedAndMatchesType(InjectIssuer.class, TestIssuer.class));
    }

    @Override
    public void stop() {
        issuer.close();
    }
}
