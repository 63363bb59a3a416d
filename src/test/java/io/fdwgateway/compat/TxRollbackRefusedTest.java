package io.fdwgateway.compat;

import static org.hamcrest.Matchers.containsString;

import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.support.Api;
import io.fdwgateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** By default {@code Prefer: tx=rollback} is refused before anything runs: upstream side effects stay done. */
@QuarkusTest
class TxRollbackRefusedTest {

    private static final String ALICE = Tokens.forSubject("alice");

    @Test
    void txRollbackAnswers400WhileNotAllowed() {
        Api.problem(Api.as(ALICE).header("Prefer", "tx=rollback").contentType(ContentType.JSON)
                        .body("{\"name_prefix\":\"x\"}").post("/rpc/get_stripe_products").then(), 400,
                ErrorCode.TX_ROLLBACK).body("detail", containsString("gateway.allow-tx-rollback"));
        Api.as(ALICE).header("Prefer", "tx=commit").contentType(ContentType.JSON)
                .body("{\"name_prefix\":\"x\"}").post("/rpc/get_stripe_products").then().statusCode(200)
                .header("Preference-Applied", "tx=commit");
    }
}
