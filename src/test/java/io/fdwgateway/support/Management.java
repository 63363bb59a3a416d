package io.fdwgateway.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * REST Assured against the management interface (health, metrics) of the gateway a
 * {@code @QuarkusTest} started: tests bind it to a free port ({@code quarkus.management.test-port=0}),
 * which Quarkus records under that key once it listens.
 */
public final class Management {

    private Management() {
    }

    /** The management interface's port in this test run. */
    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    /** A request to the management interface. */
    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
