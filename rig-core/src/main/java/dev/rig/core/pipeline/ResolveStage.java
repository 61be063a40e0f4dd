package dev.rig.core.pipeline;

import dev.rig.core.registry.RegisteredTool;
import dev.rig.spi.ErrorType;

/** {@code resolve}: finds the tool in the call's snapshot. */
final class ResolveStage implements Stage {

    @Override
    public String name() {
        return "resolve";
    }

    @Override
    public Call apply(Call call) throws CallFailure {
        String name = call.request().toolName();
        RegisteredTool tool = call.snapshot().tools().get(name);
        if (tool == null) {
            throw CallFailure.of(ErrorType.NOT_FOUND, "no tool named '" + name + "'",
                    "list the tools with GET /v1/tools or `rig list`");
        }
        return call.withTool(tool);
    }
}
