package dev.rig.core.pipeline;

import dev.rig.core.policy.ToolPlan;

/** {@code allow}: refuses tools the operator's allow- and deny-lists block, and tools blocked until an operator acts. */
final class AllowStage implements Stage {

    @Override
    public String name() {
        return "allow";
    }

    @Override
    public Call apply(Call call) throws CallFailure {
        ToolPlan plan = call.tool().plan();
        if (plan.deniedBy() != null) {
            throw CallFailure.policyDenied("tool " + call.tool().name() + " is blocked by " + plan.deniedBy(),
                    plan.remedy() != null ? plan.remedy()
                            : "ask the operator to allow it in rig.yaml (policy.allowed_tools / policy.denied_tools)");
        }
        return call;
    }
}
