package io.fdwgateway.admit;

import io.fdwgateway.shared.MemoryStore;
import io.fdwgateway.shared.SharedStore;

/** Idempotency on the memory store of one replica. */
class MemoryIdempotencyTest extends IdempotencyContract {

    private final MemoryStore store = new MemoryStore(1 << 24);

    @Override
    SharedStore store() {
        return store;
    }
}
