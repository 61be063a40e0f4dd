package dev.rig.core.policy;

import io.github.resilience4j.retry.Retry;
import java.time.Duration;

/**
 * The effective policy of one tool in one snapshot, decided once when the snapshot is built:
 * whether it may run, whether it waits for approval, its timeout per attempt, and its retry
 * (null unless retrying is safe: a read tool, or one the pack declares idempotent, with
 * {@code retries > 0}).
 *
 * <p>{@code deniedBy} names the rule that blocks the tool, or is null when it is allowed.
 */
public record ToolPlan(String deniedBy, boolean requiresApproval, Duration timeout, int retries, Retry retry) {

    public boolean allowed() {
        return deniedBy == null;
    }
}
