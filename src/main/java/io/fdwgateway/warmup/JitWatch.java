package io.fdwgateway.warmup;

/**
 * Tells when the JIT compiler has gone quiet, from the JVM's total compilation time
 * ({@code CompilationMXBean.getTotalCompilationTime()}) sampled about once a second.
 *
 * <p>Why this signal: the first seconds of a new process are slow because C2 is still compiling
 * the hot path (CPU per call is 5x the steady state's), not because of anything the gateway
 * holds. While requests keep coming, the compilers are busy until the code those requests run
 * is compiled; once the time spent compiling drops to a few percent of each second, what is left
 * are rare recompilations, and the throughput is the steady state's. The threshold of
 * {@value #QUIET_MILLIS_PER_SECOND} ms per second (5 % of one core) is well above that
 * background (single milliseconds per second on the measured machine) and well below a
 * compiler at work (hundreds of ms per second); two quiet seconds in a row, after a first
 * second that always counts as busy (nothing is compiled yet when it starts), keep one lull
 * between two compilations from ending the warm-up.
 *
 * <p>A quiet compiler alone is not enough: C2 compiles a method only after thousands of calls
 * (JDK 17's tier-4 thresholds are 5,000 invocations, or 15,000 with loops), so while the warm-up
 * has sent fewer requests than that, a method run once per request is not even queued, and the
 * compiler can be idle with the hot path still interpreted or in C1 code. Measured on JDK 25
 * with an AOT cache on a busy 2-core machine: quiet after 10 s and 4,011 requests, and the first
 * 10 s of traffic then cost 2.4 times the steady state's CPU per call. So the warm-up also sends
 * at least {@value #MINIMUM_REQUESTS} requests (within {@code max-duration}) before it may end. The JVM counts compilation time as
 * elapsed time, so on a machine whose cores are busy with other work a compilation looks longer
 * and the warm-up ends later (at {@code max-duration} at the latest): the safe side.
 */
public final class JitWatch {

    /** Compilation time per second of load below which a second counts as quiet. */
    static final long QUIET_MILLIS_PER_SECOND = 50;
    /** Quiet seconds in a row that end the warm-up. */
    static final int QUIET_SECONDS = 2;
    /** Load before any second may count as quiet. */
    static final long MINIMUM_MILLIS = 1000;
    /** Requests sent before the JIT may count as quiet: above C2's thresholds for a method run once per request. */
    static final long MINIMUM_REQUESTS = 20_000;

    private long startMillis = -1;
    private long lastMillis;
    private long lastCompileMillis;
    private int quietInRow;

    /**
     * One sample: the time it was taken, the JVM's total compilation time then, and the
     * requests sent so far.
     *
     * @return true once the JIT is quiet
     */
    public boolean sample(long nowMillis, long totalCompileMillis, long requests) {
        if (startMillis < 0) {
            startMillis = nowMillis;
            lastMillis = nowMillis;
            lastCompileMillis = totalCompileMillis;
            return false;
        }
        long elapsed = nowMillis - lastMillis;
        if (elapsed <= 0) {
            return quiet(requests);
        }
        long compiled = totalCompileMillis - lastCompileMillis;
        lastMillis = nowMillis;
        lastCompileMillis = totalCompileMillis;
        if (nowMillis - startMillis <= MINIMUM_MILLIS) {
            return false;
        }
        // per second of this interval, so a late timer does not make a busy second look quiet
        boolean quiet = compiled * 1000 < QUIET_MILLIS_PER_SECOND * elapsed;
        quietInRow = quiet ? quietInRow + 1 : 0;
        return quiet(requests);
    }

    private boolean quiet(long requests) {
        return quietInRow >= QUIET_SECONDS && requests >= MINIMUM_REQUESTS;
    }
}
