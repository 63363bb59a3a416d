package io.fdwgateway.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;

/** Short REST Assured calls against {@code /rpc}; every response is checked by {@link Contract}. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String token) {
        RequestSpecification spec = given().urlEncodingEnabled(true).filter(Contract.filter());
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    public static ValidatableResponse post(String token, String function, Object body) {
        return as(token).contentType(ContentType.JSON).body(body).when().post("/rpc/" + function).then();
    }

    public static ValidatableResponse get(String token, String function, Map<String, ?> query) {
        return as(token).queryParams(query).when().get("/rpc/" + function).then();
    }

    public static ValidatableResponse get(String token, String function) {
        return get(token, function, Map.of());
    }

    /** Asserts the response is problem+json with this status and code. */
    public static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(status))
                .body("code", org.hamcrest.Matchers.equalTo(code))
                .body("type", org.hamcrest.Matchers.notNullValue())
                .body("title", org.hamcrest.Matchers.notNullValue())
                .body("requestId", org.hamcrest.Matchers.notNullValue());
    }

    /** Polls until a GET of {@code function} answers {@code status}: schema reloads are asynchronous. */
    public static void awaitStatus(String token, String function, int status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> get(token, function).statusCode(status));
    }
}
