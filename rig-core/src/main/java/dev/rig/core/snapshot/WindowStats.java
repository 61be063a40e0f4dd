package dev.rig.core.snapshot;

/**
 * What one snapshot's calls looked like over a window: how many, how many failed, how many were held
 * for approval, and latency percentiles (nanoseconds; 0 without calls).
 */
public record WindowStats(long calls, long errors, long approvalsRequired, long p50Nanos, long p95Nanos) {

    public static final WindowStats EMPTY = new WindowStats(0, 0, 0, 0, 0);

    /** Failed calls per call (0 without calls). */
    public double errorRate() {
        return calls == 0 ? 0.0 : (double) errors / calls;
    }

    /** Calls held for approval per call (0 without calls). */
    public double approvalRate() {
        return calls == 0 ? 0.0 : (double) approvalsRequired / calls;
    }
}
