package io.fdwgateway.shared;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;

/**
 * Expiring state that the replicas of the gateway share: window counters for rate limits and
 * values with compare-and-set for idempotency records (and any other per-key state, such as a
 * response cache). Every operation is atomic; every key expires. Values are opaque bytes: the
 * store never looks into them and never logs them.
 *
 * <p>{@link MemoryStore} keeps the state in this process; {@link RedisStore} in Redis, where every
 * operation is one Lua script or one command. A store that cannot be reached fails the future with
 * {@link StoreUnavailableException}.
 */
public interface SharedStore {

    /**
     * Counts one call against every quota, or against none: when any quota is used up, nothing is
     * counted and the tally says which.
     */
    Future<Tally> take(List<Quota> quotas);

    /** The value under {@code key}, or null. */
    Future<Buffer> get(String key);

    /** Stores {@code value} unless the key holds one; completes with null when stored, else with the value held. */
    Future<Buffer> putIfAbsent(String key, Buffer value, Duration ttl);

    /** Replaces the value only while the key still holds {@code expected}; true when replaced. */
    Future<Boolean> replace(String key, Buffer expected, Buffer value, Duration ttl);

    /** Restarts the key's expiry only while it still holds {@code expected}; true when renewed. */
    Future<Boolean> renew(String key, Buffer expected, Duration ttl);

    /** Removes the key only while it still holds {@code expected}; true when removed. */
    Future<Boolean> remove(String key, Buffer expected);

    /**
     * One quota: at most {@code limit} calls in a window of {@code period} that opens at the first
     * call counted under {@code key}.
     */
    record Quota(String key, long limit, Duration period) {
    }

    /**
     * What a {@link #take} found, one {@link Usage} per quota, in order.
     *
     * @param admitted true when the call was counted against every quota
     */
    record Tally(boolean admitted, List<Usage> usages) {
        public Tally {
            usages = List.copyOf(usages);
        }
    }

    /**
     * One quota's window after a {@link #take}.
     *
     * @param used    calls counted in the window (including this one when admitted)
     * @param resetIn time until the window closes
     */
    record Usage(long used, Duration resetIn) {
    }
}
