package dev.rig.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rig.core.api.ToolError;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.CanarySettings;
import dev.rig.core.registry.Snapshot;
import dev.rig.spi.ErrorType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rules a canary is judged by, on a clock the test moves. */
class CanaryWatchTest {

    private static final long MS = 1_000_000L;
    private static final ToolResult OK = new ToolResult(true, Map.of(), null, "c", "p", "1", "h", "dev", null);
    private static final ToolResult FAILED = new ToolResult(false, null,
            new ToolError(ErrorType.UPSTREAM_ERROR, "down", false, null, List.of(), "c"), "c", "p", "1", "h", "dev",
            null);

    private final Snapshot active = snapshot("active");
    private final Snapshot canary = snapshot("canary");
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private static Snapshot snapshot(String id) {
        return new Snapshot(id, Instant.EPOCH, "h", "dev", new TreeMap<>(), List.of(), List.of());
    }

    private CanaryWatch watch(CanarySettings settings) {
        return new CanaryWatch(active, canary, settings, now::get, Instant.EPOCH, failures::add, null);
    }

    private static CanarySettings settings(int minCalls) {
        return new CanarySettings(Duration.ofSeconds(60), minCalls, 2.0, 0.01, 2.0, Duration.ofMillis(10));
    }

    private static void calls(CanaryWatch watch, Snapshot on, int count, ToolResult result, long nanos) {
        for (int i = 0; i < count; i++) {
            watch.record(on, "t.x", result, nanos);
        }
    }

    @Test
    void nothingIsJudgedBeforeTheCanaryHasMinCalls() {
        CanaryWatch watch = watch(settings(20));
        calls(watch, active, 100, OK, 5 * MS);
        calls(watch, canary, 19, FAILED, 5 * MS);
        assertThat(watch.judge()).isEmpty();
        calls(watch, canary, 1, FAILED, 5 * MS);
        assertThat(watch.judge()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("error rate 100.0% over the canary's last 20 calls").contains("0.0% (100 calls)"));
    }

    @Test
    void theErrorRateMustExceedTwiceTheActiveOneAndTheFloor() {
        CanaryWatch watch = watch(settings(10));
        calls(watch, active, 90, OK, 5 * MS);
        calls(watch, active, 10, FAILED, 5 * MS); // active: 10 %
        calls(watch, canary, 82, OK, 5 * MS);
        calls(watch, canary, 18, FAILED, 5 * MS); // canary: 18 % < 20 %
        assertThat(watch.judge()).isEmpty();
        calls(watch, canary, 8, FAILED, 5 * MS); // 26 / 108 = 24 % > 20 %
        assertThat(watch.judge()).hasValueSatisfying(r -> assertThat(r).startsWith("error rate 24.1%"));

        CanaryWatch floored = watch(settings(10));
        calls(floored, active, 100, OK, 5 * MS);
        calls(floored, canary, 199, OK, 5 * MS);
        calls(floored, canary, 1, FAILED, 5 * MS); // 0.5 % against 0 %: under the 1 % floor (× 2)
        assertThat(floored.judge()).isEmpty();
    }

    @Test
    void aP95AboveTwiceTheActiveOneFailsTheCanaryButNotUnderTheLatencyFloor() {
        CanaryWatch fast = watch(settings(10));
        calls(fast, active, 100, OK, 1 * MS);
        calls(fast, canary, 100, OK, 15 * MS); // 15 ms: more than 2 × 1 ms, not more than 2 × the 10 ms floor
        assertThat(fast.judge()).isEmpty();

        CanaryWatch slow = watch(settings(10));
        calls(slow, active, 100, OK, 20 * MS);
        calls(slow, canary, 100, OK, 41 * MS);
        assertThat(slow.judge()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("p95 latency 41.0 ms over the canary's last 100 calls").contains("20.0 ms"));
    }

    @Test
    void callsOutsideTheWindowNoLongerCount() {
        CanaryWatch watch = watch(settings(10));
        calls(watch, active, 100, OK, 5 * MS);
        calls(watch, canary, 50, FAILED, 5 * MS);
        now.addAndGet(61_000 * MS);
        calls(watch, active, 100, OK, 5 * MS);
        calls(watch, canary, 50, OK, 5 * MS);
        assertThat(watch.judge()).isEmpty();
        assertThat(watch.metrics().canary().callsSinceStart()).isEqualTo(100);
        assertThat(watch.metrics().canary().window().calls()).isEqualTo(50);
    }

    @Test
    void recordingJudgesOnItsOwnAndReportsAFailureOnce() {
        CanaryWatch watch = watch(settings(10));
        calls(watch, active, 50, OK, 5 * MS);
        calls(watch, canary, 10, FAILED, 5 * MS);
        await().atMost(Duration.ofSeconds(5)).until(() -> !failures.isEmpty());
        now.addAndGet(CanaryWatch.JUDGE_EVERY_NANOS * 3);
        calls(watch, canary, 10, FAILED, 5 * MS);
        now.addAndGet(CanaryWatch.JUDGE_EVERY_NANOS * 3);
        calls(watch, canary, 10, FAILED, 5 * MS);
        assertThat(watch.metrics().failed()).isTrue();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> failures.size() == 1);
    }
}
