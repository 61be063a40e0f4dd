package dev.rig.core.snapshot;

import java.util.Arrays;

/**
 * The last calls of one snapshot (up to {@link #CAPACITY}): when each ended, how long it took, and
 * whether it failed or was held for approval. Recording is a few array writes under a lock nobody
 * holds for long; percentiles are computed only when asked ({@link #stats}).
 */
final class CallWindow {

    static final int CAPACITY = 4096;
    static final byte OK = 0;
    static final byte ERROR = 1;
    static final byte APPROVAL = 2;

    private final long[] endedAt = new long[CAPACITY];
    private final long[] durations = new long[CAPACITY];
    private final byte[] kinds = new byte[CAPACITY];
    private int next;
    private long total;

    synchronized void record(long endedAtNanos, long durationNanos, byte kind) {
        endedAt[next] = endedAtNanos;
        durations[next] = durationNanos;
        kinds[next] = kind;
        next = (next + 1) % CAPACITY;
        total++;
    }

    /** Every call recorded so far, in or out of the window. */
    synchronized long total() {
        return total;
    }

    /** The calls that ended after {@code nowNanos - windowNanos}. */
    WindowStats stats(long nowNanos, long windowNanos) {
        long[] latencies;
        long errors = 0;
        long approvals = 0;
        int count = 0;
        synchronized (this) {
            int size = (int) Math.min(total, CAPACITY);
            latencies = new long[size];
            for (int i = 0; i < size; i++) {
                if (nowNanos - endedAt[i] <= windowNanos) {
                    latencies[count++] = durations[i];
                    errors += kinds[i] == ERROR ? 1 : 0;
                    approvals += kinds[i] == APPROVAL ? 1 : 0;
                }
            }
        }
        if (count == 0) {
            return WindowStats.EMPTY;
        }
        Arrays.sort(latencies, 0, count);
        return new WindowStats(count, errors, approvals, percentile(latencies, count, 0.50),
                percentile(latencies, count, 0.95));
    }

    private static long percentile(long[] sorted, int count, double p) {
        int rank = (int) Math.ceil(p * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))];
    }
}
