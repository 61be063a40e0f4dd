package dev.rig.core.config;

import dev.rig.spi.RiskClass;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's policy from {@code rig.yaml}: which tools may run, which wait for approval, and
 * the default timeout and retries.
 *
 * <p>{@code allowedTools} null means every tool; globs use {@code *} ({@code stripe.*}).
 * {@code deniedTools} wins over {@code allowedTools}. {@code tools} maps a glob to overrides; the
 * most specific (longest) matching glob applies.
 */
public record PolicySettings(
        List<String> allowedTools,
        List<String> deniedTools,
        Set<RiskClass> requireApprovalFor,
        int timeoutSeconds,
        int retries,
        Map<String, ToolOverride> tools) {

    public static final PolicySettings DEFAULTS = new PolicySettings(null, List.of(),
            EnumSet.of(RiskClass.MONEY, RiskClass.INFRA, RiskClass.DESTRUCTIVE), 30, 1, Map.of());

    public PolicySettings {
        allowedTools = allowedTools == null ? null : List.copyOf(allowedTools);
        deniedTools = List.copyOf(deniedTools == null ? List.of() : deniedTools);
        requireApprovalFor = requireApprovalFor == null || requireApprovalFor.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(requireApprovalFor));
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("timeout_seconds must be 1..3600, got " + timeoutSeconds);
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("retries must be 0..10, got " + retries);
        }
        tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tools == null ? Map.of() : tools));
    }
}
