package dev.rig.core.pipeline;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A timeout for code running on the current thread: when it passes, the thread is interrupted.
 *
 * <p>The tool runs on the caller's own (virtual) thread instead of a second thread, which saves a
 * hand-off of about 12 µs per call (measured: stages alone 1.7 µs p50, with a thread per invoke
 * 13.3 µs). The interrupt must never outlive the call: the watcher interrupts only after winning
 * the race {@code ARMED → FIRED}, then marks {@code DELIVERED}; {@link #disarm} either wins
 * {@code ARMED → DONE} (no interrupt will come) or waits for {@code DELIVERED} and clears the
 * thread's interrupt flag, so the next call on this thread starts clean.
 *
 * <p>A tool that ignores interruption (busy loop, non-interruptible I/O) keeps its caller past the
 * deadline; the call is still reported as {@code timeout} when it returns.
 */
final class Deadline {

    private static final int ARMED = 0;
    private static final int DONE = 1;
    private static final int FIRED = 2;
    private static final int DELIVERED = 3;

    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final ScheduledFuture<?> alarm;

    private Deadline(ScheduledExecutorService timer, Thread thread, Duration timeout) {
        this.alarm = timer.schedule(() -> {
            if (state.compareAndSet(ARMED, FIRED)) {
                thread.interrupt();
                state.set(DELIVERED);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Interrupts the current thread once {@code timeout} has passed, unless disarmed first. */
    static Deadline arm(ScheduledExecutorService timer, Duration timeout) {
        return new Deadline(timer, Thread.currentThread(), timeout);
    }

    /**
     * Stops the watch. Must be called on the watched thread.
     *
     * @return whether the deadline passed (the interrupt, if any, has been cleared)
     */
    boolean disarm() {
        if (state.compareAndSet(ARMED, DONE)) {
            alarm.cancel(false);
            return false;
        }
        while (state.get() != DELIVERED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }
}
