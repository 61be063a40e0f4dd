package dev.rig.core.policy;

import dev.rig.spi.RiskClass;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.Set;

/**
 * The effective policy of one tool in one snapshot, decided once when the snapshot is built:
 * whether it may run, whether it waits for approval, its timeout per attempt, and its retry
 * (null unless retrying is safe: a read tool, or one the pack declares idempotent, with
 * {@code retries > 0}).
 *
 * <p>{@code deniedBy} names the rule that blocks the tool, or is null when it is allowed.
 * {@code requiresApproval} is for the tool's declared risk; {@code approvalRisks} are the risk
 * classes that hold a call whose tool raises its risk for those arguments ({@code Tool.riskOf}),
 * empty when a {@code policy.tools} override decides approval for the tool whatever the call.
 */
public record ToolPlan(String deniedBy, boolean requiresApproval, Duration timeout, int retries, Retry retry,
                       Set<RiskClass> approvalRisks, String remedy) {

    public ToolPlan {
        approvalRisks = approvalRisks == null || approvalRisks.isEmpty() ? Set.of() : Set.copyOf(approvalRisks);
    }

    /** A plan decided by policy; a denied call's remedy is the operator's lists. */
    public ToolPlan(String deniedBy, boolean requiresApproval, Duration timeout, int retries, Retry retry,
                    Set<RiskClass> approvalRisks) {
        this(deniedBy, requiresApproval, timeout, retries, retry, approvalRisks, null);
    }

    /** A plan in which only the declared risk decides approval. */
    public ToolPlan(String deniedBy, boolean requiresApproval, Duration timeout, int retries, Retry retry) {
        this(deniedBy, requiresApproval, timeout, retries, retry, Set.of());
    }

    /**
     * This plan blocked for {@code reason} (such as a mounted tool whose definition changed since it was
     * pinned), with what an operator does about it; a plan already denied by policy keeps its reason.
     */
    public ToolPlan blocked(String reason, String howToFix) {
        return deniedBy != null ? this
                : new ToolPlan(reason, requiresApproval, timeout, retries, retry, approvalRisks, howToFix);
    }

    public boolean allowed() {
        return deniedBy == null;
    }

    /** Whether a call whose own risk is {@code callRisk} waits for approval. */
    public boolean requiresApproval(RiskClass callRisk) {
        return requiresApproval || approvalRisks.contains(callRisk);
    }
}
