package dev.rig.core.snapshot;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last calls of one snapshot (up to {@link #CAPACITY}): when each ended, how long it took, and
 * whether it failed or was held for approval. Recording takes a slot with one atomic increment and
 * writes three array cells, without a lock, so callers on a busy machine never wait for each other;
 * percentiles are computed only when asked ({@link #stats}).
 *
 * <p>Without a lock a reader may see a slot while it is being written (its new end time with its old
 * duration, say): one call in thousands, counted once in the wrong place of a percentile. Metrics that
 * decide a rollback tolerate that; callers waiting on a lock held by a descheduled thread they would not.
 */
final class CallWindow {

    static final int CAPACITY = 4096;
    static final byte OK = 0;
    static final byte ERROR = 1;
    static final byte APPROVAL = 2;

    private final long[] endedAt = new long[CAPACITY];
    private final long[] durations = new long[CAPACITY];
    private final byte[] kinds = new byte[CAPACITY];
    private final AtomicLong recorded = new AtomicLong();

    void record(long endedAtNanos, long durationNanos, byte kind) {
        int slot = (int) (recorded.getAndIncrement() % CAPACITY);
        durations[slot] = durationNanos;
        kinds[slot] = kind;
        endedAt[slot] = endedAtNanos;
    }

    /** Every call recorded so far, in or out of the window. */
    long total() {
        return recorded.get();
    }

    /** The calls that ended after {@code nowNanos - windowNanos}. */
    WindowStats stats(long nowNanos, long windowNanos) {
        int size = (int) Math.min(recorded.get(), CAPACITY);
        long[] latencies = new long[size];
        long errors = 0;
        long approvals = 0;
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (nowNanos - endedAt[i] <= windowNanos) {
                latencies[count++] = durations[i];
                errors += kinds[i] == ERROR ? 1 : 0;
                approvals += kinds[i] == APPROVAL ? 1 : 0;
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
