package dev.rig.core.policy;

import dev.rig.spi.ToolException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a tool is retried: only {@link ToolException}s marked retryable, with exponential backoff and
 * full jitter, and never sooner than the upstream's Retry-After hint (capped at {@link #MAX_WAIT}).
 */
public final class RetrySchedule {

    /** The longest the gateway waits between two attempts, whatever the upstream asks. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final Duration baseDelay;

    /** @param baseDelay the first backoff step (200 ms in production; tests pass a shorter one) */
    public RetrySchedule(Duration baseDelay) {
        this.baseDelay = baseDelay;
    }

    /** A retry for {@code toolName} allowing {@code retries} retries after the first attempt. */
    public Retry retry(String toolName, int retries) {
        long base = Math.max(1, baseDelay.toMillis());
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            long ceiling = Math.min(MAX_WAIT.toMillis(), base << Math.min(attempt - 1, 16));
            long wait = ThreadLocalRandom.current().nextLong(base, Math.max(base, ceiling) + 1);
            if (outcome.isLeft() && outcome.getLeft() instanceof ToolException e && e.retryAfter() != null) {
                wait = Math.max(wait, Math.min(MAX_WAIT.toMillis(), e.retryAfter().toMillis()));
            }
            return wait;
        };
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(retries + 1)
                .intervalBiFunction(interval)
                .retryOnException(e -> e instanceof ToolException te && te.retryable())
                .failAfterMaxAttempts(false)
                .build();
        return Retry.of(toolName, config);
    }
}
