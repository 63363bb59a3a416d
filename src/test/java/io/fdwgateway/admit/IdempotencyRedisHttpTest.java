package io.fdwgateway.admit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Idempotency keys over HTTP with the Redis store. */
@QuarkusTest
@TestProfile(AdmissionProfiles.Redis.class)
class IdempotencyRedisHttpTest extends IdempotencyHttpContract {
}
