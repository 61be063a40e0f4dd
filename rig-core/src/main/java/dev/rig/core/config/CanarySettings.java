package dev.rig.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code canary:} section of {@code rig.yaml}: when a canary snapshot is rolled back on its own.
 *
 * <p>Over the last {@code window} of calls, once the canary has served at least {@code minCalls}, it
 * is rolled back when its error rate exceeds {@code errorRatio} times the active snapshot's (never
 * less than {@code errorRateFloor}, so one failure against none does not count as "twice as many"),
 * or its p95 latency exceeds {@code latencyRatio} times the active one's (never less than
 * {@code latencyFloor}). A canary call held for approval by a tool the active snapshot runs without
 * approval rolls it back at once, whatever the counts.
 */
public record CanarySettings(Duration window, int minCalls, double errorRatio, double errorRateFloor,
                             double latencyRatio, Duration latencyFloor) {

    public static final CanarySettings DEFAULTS = new CanarySettings(Duration.ofMinutes(5), 20, 2.0, 0.01, 2.0,
            Duration.ofMillis(10));

    public CanarySettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(latencyFloor, "latencyFloor");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("canary.window_seconds must be positive");
        }
        if (minCalls < 1) {
            throw new IllegalArgumentException("canary.min_calls must be at least 1");
        }
        if (!(errorRatio > 1.0) || !(latencyRatio > 1.0)) {
            throw new IllegalArgumentException("canary.max_error_ratio and canary.max_latency_ratio must be above 1");
        }
        if (!(errorRateFloor >= 0.0 && errorRateFloor < 1.0)) {
            throw new IllegalArgumentException("canary.error_rate_floor must be 0 or more and below 1");
        }
    }
}
