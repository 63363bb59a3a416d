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
 * between two compilations from ending the warm-up. The JVM counts compilation time as
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

    private long startMillis = -1;
    private long lastMillis;
    private long lastCompileMillis;
    private int quietInRow;

    /**
     * One sample: the time it was taken, and the JVM's total compilation time then.
     *
     * @return true once the JIT is quiet
     */
    public boolean sample(long nowMillis, long totalCompileMillis) {
        if (startMillis < 0) {
            startMillis = nowMillis;
            lastMillis = nowMillis;
            lastCompileMillis = totalCompileMillis;
            return false;
        }
        long elapsed = nowMillis - lastMillis;
        if (elapsed <= 0) {
            return quietInRow >= QUIET_SECONDS;
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
        return quietInRow >= QUIET_SECONDS;
    }
}
