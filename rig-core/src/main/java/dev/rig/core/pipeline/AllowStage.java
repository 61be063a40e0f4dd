package dev.rig.core.pipeline;

/** {@code allow}: refuses tools the operator's allow- and deny-lists block. */
final class AllowStage implements Stage {

    @Override
    public String name() {
        return "allow";
    }

    @Override
    public Call apply(Call call) throws CallFailure {
        String deniedBy = call.tool().plan().deniedBy();
        if (deniedBy != null) {
            throw CallFailure.policyDenied("tool " + call.tool().name() + " is blocked by " + deniedBy,
                    "ask the operator to allow it in rig.yaml (policy.allowed_tools / policy.denied_tools)");
        }
        return call;
    }
}
