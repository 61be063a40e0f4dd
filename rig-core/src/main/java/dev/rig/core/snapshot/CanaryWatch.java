package dev.rig.core.snapshot;

import dev.rig.core.api.ToolResult;
import dev.rig.core.config.CanarySettings;
import dev.rig.core.policy.ToolPlan;
import dev.rig.core.registry.RegisteredTool;
import dev.rig.core.registry.Snapshot;
import dev.rig.spi.ErrorType;
import io.github.resilience4j.retry.Retry;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches a canary against the active snapshot while both serve calls, and calls {@code onFailure}
 * (once) with the reason when the canary must be rolled back (the rules are {@link CanarySettings}'s).
 *
 * <p>Each call is recorded in its snapshot's {@link CallWindow}; the rules are checked on a virtual
 * thread of their own at most every {@link #JUDGE_EVERY_NANOS} (and as soon as the canary first has
 * {@code min_calls}), so a call pays a few array writes, never a judgement. A canary call held for
 * approval by a tool the active snapshot runs without approval fails the canary at once.
 */
public final class CanaryWatch {

    static final long JUDGE_EVERY_NANOS = 200_000_000L;

    private final Snapshot active;
    private final Snapshot canary;
    private final CanarySettings settings;
    private final LongSupplier nanoClock;
    private final Consumer<String> onFailure;
    private final CallWindow activeCalls;
    private final CallWindow canaryCalls;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicLong judgedAt;
    private final AtomicBoolean judgedFull = new AtomicBoolean();
    private final long activeRetriesAtStart;
    private final long canaryRetriesAtStart;
    private final long activeRetriesBefore;
    private final long canaryRetriesBefore;
    private final Instant startedAt;

    /**
     * @param nanoClock {@link System#nanoTime} (tests pass their own)
     * @param onFailure told the reason once, on the thread of the call that showed it
     * @param earlier the watch of the same canary against the same active snapshot before a reload
     *     rebuilt both (its calls count on), or null
     */
    public CanaryWatch(Snapshot active, Snapshot canary, CanarySettings settings, LongSupplier nanoClock,
                       Instant startedAt, Consumer<String> onFailure, CanaryWatch earlier) {
        this.active = Objects.requireNonNull(active, "active");
        this.canary = Objects.requireNonNull(canary, "canary");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.judgedAt = new AtomicLong(nanoClock.getAsLong());
        this.activeRetriesAtStart = retries(active);
        this.canaryRetriesAtStart = retries(canary);
        this.activeCalls = earlier == null ? new CallWindow() : earlier.activeCalls;
        this.canaryCalls = earlier == null ? new CallWindow() : earlier.canaryCalls;
        this.activeRetriesBefore = earlier == null ? 0 : earlier.activeRetries();
        this.canaryRetriesBefore = earlier == null ? 0 : earlier.canaryRetries();
    }

    /** What one snapshot's calls looked like: the window's figures and, since the canary started, calls and retries. */
    public record Side(String snapshot, WindowStats window, long callsSinceStart, double retryRate) {}

    /** Both sides, as {@code GET /v1/snapshot} shows them. */
    public record Metrics(Instant startedAt, Side active, Side canary, boolean failed) {}

    /** Records a call of {@code tool} that ran on {@code ran} and took {@code durationNanos}. */
    public void record(Snapshot ran, String tool, ToolResult result, long durationNanos) {
        long now = nanoClock.getAsLong();
        byte kind = result.ok() ? CallWindow.OK
                : result.error().type() == ErrorType.APPROVAL_REQUIRED ? CallWindow.APPROVAL : CallWindow.ERROR;
        if (ran != canary) {
            activeCalls.record(now, durationNanos, kind);
            return;
        }
        canaryCalls.record(now, durationNanos, kind);
        if (kind == CallWindow.APPROVAL && runsWithoutApproval(active, tool)) {
            fail("tool " + tool + " runs without approval on the active snapshot " + active.id()
                    + " but the canary held a call of it for approval");
            return;
        }
        long last = judgedAt.get();
        boolean firstFull = !judgedFull.get() && canaryCalls.total() >= settings.minCalls();
        if ((now - last >= JUDGE_EVERY_NANOS || firstFull) && judgedAt.compareAndSet(last, now)) {
            if (firstFull) {
                judgedFull.set(true);
            }
            // Off the caller's thread: a judgement sorts the windows (~0.1 ms); the call has its answer.
            Thread.ofVirtual().name("rig-canary-judge").start(() -> judge().ifPresent(this::fail));
        }
    }

    /** Why the canary must be rolled back now, if it must. */
    public Optional<String> judge() {
        long now = nanoClock.getAsLong();
        long window = settings.window().toNanos();
        WindowStats onCanary = canaryCalls.stats(now, window);
        if (onCanary.calls() < settings.minCalls()) {
            return Optional.empty();
        }
        WindowStats onActive = activeCalls.stats(now, window);
        double errorLimit = settings.errorRatio() * Math.max(onActive.errorRate(), settings.errorRateFloor());
        if (onCanary.errorRate() > errorLimit) {
            return Optional.of(String.format(Locale.ROOT, "error rate %.1f%% over the canary's last %d calls, above"
                    + " %.1f× the active snapshot's %.1f%% (%d calls)", 100 * onCanary.errorRate(), onCanary.calls(),
                    settings.errorRatio(), 100 * onActive.errorRate(), onActive.calls()));
        }
        long latencyLimit = (long) (settings.latencyRatio() * Math.max(onActive.p95Nanos(),
                settings.latencyFloor().toNanos()));
        if (onCanary.p95Nanos() > latencyLimit) {
            return Optional.of(String.format(Locale.ROOT, "p95 latency %.1f ms over the canary's last %d calls, above"
                    + " %.1f× the active snapshot's %.1f ms", onCanary.p95Nanos() / 1e6, onCanary.calls(),
                    settings.latencyRatio(), onActive.p95Nanos() / 1e6));
        }
        return Optional.empty();
    }

    /** The figures of both snapshots now. */
    public Metrics metrics() {
        long now = nanoClock.getAsLong();
        long window = settings.window().toNanos();
        return new Metrics(startedAt, side(active, activeCalls, activeRetries(), now, window),
                side(canary, canaryCalls, canaryRetries(), now, window), failed.get());
    }

    private long activeRetries() {
        return activeRetriesBefore + retries(active) - activeRetriesAtStart;
    }

    private long canaryRetries() {
        return canaryRetriesBefore + retries(canary) - canaryRetriesAtStart;
    }

    private static Side side(Snapshot snapshot, CallWindow calls, long retried, long now, long window) {
        long total = calls.total();
        return new Side(snapshot.id(), calls.stats(now, window), total, total == 0 ? 0.0 : (double) retried / total);
    }

    private void fail(String reason) {
        if (failed.compareAndSet(false, true)) {
            onFailure.accept(reason);
        }
    }

    private static boolean runsWithoutApproval(Snapshot snapshot, String tool) {
        RegisteredTool registered = snapshot.tools().get(tool);
        if (registered == null) {
            return false;
        }
        ToolPlan plan = registered.plan();
        return plan.allowed() && !plan.requiresApproval(registered.definition().riskClass());
    }

    /** Calls of {@code snapshot}'s tools that needed more than one attempt, since it was built. */
    private static long retries(Snapshot snapshot) {
        long count = 0;
        for (RegisteredTool tool : snapshot.tools().values()) {
            Retry retry = tool.plan().retry();
            if (retry != null) {
                count += retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()
                        + retry.getMetrics().getNumberOfFailedCallsWithRetryAttempt();
            }
        }
        return count;
    }
}
