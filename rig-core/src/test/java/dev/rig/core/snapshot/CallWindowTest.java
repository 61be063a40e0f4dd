package dev.rig.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The window a canary is judged over. */
class CallWindowTest {

    private static final long MS = 1_000_000L;

    @Test
    void countsOutcomesAndPercentilesOfTheCallsInsideTheWindowOnly() {
        CallWindow window = new CallWindow();
        window.record(0, 500 * MS, CallWindow.ERROR); // ends 10 s before "now": outside a 5 s window
        for (int i = 1; i <= 100; i++) {
            window.record(10_000 * MS, i * MS, i % 10 == 0 ? CallWindow.ERROR
                    : i % 25 == 1 ? CallWindow.APPROVAL : CallWindow.OK);
        }
        WindowStats stats = window.stats(10_000 * MS, 5_000 * MS);
        assertThat(stats.calls()).isEqualTo(100);
        assertThat(stats.errors()).isEqualTo(10);
        assertThat(stats.approvalsRequired()).isEqualTo(4);
        assertThat(stats.errorRate()).isEqualTo(0.10);
        assertThat(stats.p50Nanos()).isEqualTo(50 * MS);
        assertThat(stats.p95Nanos()).isEqualTo(95 * MS);
        assertThat(window.total()).isEqualTo(101);
    }

    @Test
    void keepsTheLastCallsWhenMoreCameThanItHolds() {
        CallWindow window = new CallWindow();
        for (int i = 0; i < CallWindow.CAPACITY; i++) {
            window.record(1, 1, CallWindow.ERROR);
        }
        for (int i = 0; i < CallWindow.CAPACITY; i++) {
            window.record(2, 7, CallWindow.OK);
        }
        WindowStats stats = window.stats(2, 10);
        assertThat(stats.calls()).isEqualTo(CallWindow.CAPACITY);
        assertThat(stats.errors()).isZero();
        assertThat(stats.p95Nanos()).isEqualTo(7);
        assertThat(new CallWindow().stats(5, 5)).isEqualTo(WindowStats.EMPTY);
    }
}
