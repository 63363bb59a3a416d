package io.fdwgateway.admit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Idempotency keys over HTTP with the memory store. */
@QuarkusTest
@TestProfile(AdmissionProfiles.Memory.class)
class IdempotencyMemoryHttpTest extends IdempotencyHttpContract {
}
