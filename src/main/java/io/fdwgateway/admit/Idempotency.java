package io.fdwgateway.admit;

import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.config.IdempotencyConfig;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.shared.SharedStore;
import io.fdwgateway.shared.SharedStores;
import io.fdwgateway.shared.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Idempotency keys (draft-ietf-httpapi-idempotency-key-header), the second check of the admit
 * stage, for a POST to a VOLATILE function that carries {@code Idempotency-Key}. Per caller,
 * function and key, the first call runs and its answer is kept for {@code gateway.idempotency.ttl};
 * a repeat with the same arguments gets that answer and runs nothing, a repeat with other
 * arguments answers 422, and a repeat while the first still runs answers 409.
 *
 * <p>Claiming the key is one atomic put-if-absent in the shared store, so two replicas receiving
 * the same key at once run it once. When the store cannot be reached, the call answers 503
 * rather than risk running twice: the client asked for at most once.
 */
@Singleton
public class Idempotency {

    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    private static final String USE = "idempotency";

    private final SharedStore store;
    private final Duration ttl;
    private final Duration inFlightTtl;
    private final Vertx vertx;
    private final AdmissionMetrics metrics;

    @Inject
    public Idempotency(GatewayConfig config, SharedStores stores, Vertx vertx, AdmissionMetrics metrics) {
        this(config.idempotency(), stores.create(config.idempotency().store(),
                config.idempotency().maxMemory().asLongValue()), vertx, metrics);
    }

    Idempotency(IdempotencyConfig config, SharedStore store, Vertx vertx, AdmissionMetrics metrics) {
        this.store = store;
        this.ttl = config.ttl();
        this.inFlightTtl = config.inFlightTtl();
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /**
     * @param caller      who calls
     * @param function    the routine's {@code schema.name}
     * @param key         the client's Idempotency-Key
     * @param fingerprint {@link Fingerprint} of this call
     * @return a replay or a run; fails with a {@link GatewayException} of 409, 422 or 503
     */
    public Future<IdempotentCall> begin(CallerKey caller, String function, String key, byte[] fingerprint) {
        String storeKey = storeKey(caller, function, key);
        IdempotencyRecord.Running marker = IdempotencyRecord.Running.start(fingerprint);
        return store.putIfAbsent(storeKey, marker.encode(), inFlightTtl).transform(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof StoreUnavailableException) {
                    metrics.storeFailed(USE, false);
                    return fail(new GatewayError.StoreUnavailable(
                            "The idempotency store cannot be reached; retry later with the same Idempotency-Key."));
                }
                return Future.failedFuture(ar.cause());
            }
            if (ar.result() == null) {
                metrics.idempotent("executed");
                return Future.succeededFuture(new IdempotentCall.Run(store, storeKey, marker, ttl, inFlightTtl, vertx));
            }
            IdempotencyRecord held;
            try {
                held = IdempotencyRecord.decode(ar.result());
            } catch (RuntimeException e) {
                LOG.warn("an idempotency record in the store could not be read (written by another version?)");
                return fail(new GatewayError.Internal());
            }
            if (!held.sameCall(fingerprint)) {
                metrics.idempotent("mismatch");
                return fail(new GatewayError.IdempotencyMismatch());
            }
            if (held instanceof IdempotencyRecord.Done done) {
                metrics.idempotent("replayed");
                return Future.succeededFuture(new IdempotentCall.Replay(done.answer()));
            }
            metrics.idempotent("in_flight");
            return fail(new GatewayError.IdempotencyInFlight());
        });
    }

    private static Future<IdempotentCall> fail(GatewayError error) {
        return Future.failedFuture(new GatewayException(error));
    }

    /**
     * Where a key's record lives: per caller (the hash tag keeps a caller's keys on one Redis
     * Cluster slot), then a hash of function and key, which are never written to the store as
     * they are.
     */
    static String storeKey(CallerKey caller, String function, String key) {
        MessageDigest digest = Fingerprint.sha256();
        digest.update(function.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(key.getBytes(StandardCharsets.UTF_8));
        return "idem:{" + caller.id() + "}:"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 24));
    }
}
