package io.fdwgateway.warmup;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.fdwgateway.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without {@code gateway.warmup.*}, nothing is sent and the warm-up check is UP from the start. */
@QuarkusTest
class WarmupOffTest {

    @Test
    void theCheckIsUpAndOff() {
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warm-up' }.data.phase", equalTo("off"))
                .body("checks.find { it.name == 'warm-up' }.data.requests", nullValue())
                .body("checks.find { it.name == 'schema-cache' }.status", not(nullValue()));
    }
}
