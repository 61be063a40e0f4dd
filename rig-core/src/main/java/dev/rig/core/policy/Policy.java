package dev.rig.core.policy;

import dev.rig.core.config.PolicySettings;
import dev.rig.core.config.ToolOverride;
import dev.rig.spi.RiskClass;
import dev.rig.spi.ToolDef;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's policy, compiled: decides each tool's {@link ToolPlan}.
 *
 * <p>Precedence, most specific first: a {@code policy.tools} override (the most specific matching
 * glob), then the tool's own {@code policy_defaults}, then the policy-wide defaults.
 * {@code denied_tools} wins over {@code allowed_tools}.
 */
public final class Policy {

    private final List<Glob> allowed;
    private final List<Glob> denied;
    private final Set<RiskClass> approvalRisks;
    private final int timeoutSeconds;
    private final int retries;
    private final List<Map.Entry<Glob, ToolOverride>> overrides;
    private final RetrySchedule retrySchedule;

    public Policy(PolicySettings settings, RetrySchedule retrySchedule) {
        this.retrySchedule = retrySchedule;
        this.allowed = settings.allowedTools() == null ? null : settings.allowedTools().stream().map(Glob::of).toList();
        this.denied = settings.deniedTools().stream().map(Glob::of).toList();
        this.approvalRisks = settings.requireApprovalFor();
        this.timeoutSeconds = settings.timeoutSeconds();
        this.retries = settings.retries();
        this.overrides = settings.tools().entrySet().stream()
                .map(e -> Map.entry(Glob.of(e.getKey()), e.getValue()))
                .sorted(Comparator.comparingInt((Map.Entry<Glob, ToolOverride> e) -> e.getKey().specificity())
                        .reversed())
                .toList();
    }

    /** The plan of {@code def} under this policy. */
    public ToolPlan plan(ToolDef def) {
        String name = def.name();
        Optional<ToolOverride> override = overrides.stream().filter(e -> e.getKey().matches(name))
                .map(Map.Entry::getValue).findFirst();
        boolean decidedByOverride = override.map(ToolOverride::requireApproval).orElse(null) != null;
        boolean approval = decidedByOverride ? override.get().requireApproval()
                : approvalRisks.contains(def.riskClass());
        int timeout = firstNonNull(override.map(ToolOverride::timeoutSeconds).orElse(null),
                def.policyDefaults().timeoutSeconds(), timeoutSeconds);
        int maxRetries = firstNonNull(override.map(ToolOverride::retries).orElse(null),
                def.policyDefaults().retries(), retries);
        boolean safeToRetry = def.riskClass() == RiskClass.READ || def.idempotent();
        int effectiveRetries = safeToRetry ? maxRetries : 0;
        return new ToolPlan(deniedBy(name), approval, Duration.ofSeconds(timeout), effectiveRetries,
                effectiveRetries == 0 ? null : retrySchedule.retry(name, effectiveRetries),
                decidedByOverride ? Set.of() : approvalRisks);
    }

    private String deniedBy(String name) {
        for (Glob glob : denied) {
            if (glob.matches(name)) {
                return "policy.denied_tools entry '" + glob.text() + "'";
            }
        }
        if (allowed != null && allowed.stream().noneMatch(g -> g.matches(name))) {
            return "policy.allowed_tools (no entry matches)";
        }
        return null;
    }

    private static int firstNonNull(Integer first, Integer second, int fallback) {
        return first != null ? first : second != null ? second : fallback;
    }
}
