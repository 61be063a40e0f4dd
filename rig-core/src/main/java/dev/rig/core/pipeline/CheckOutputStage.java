package dev.rig.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import java.util.List;

/**
 * {@code check-output}: checks the tool's output against its output schema. A mismatch is the
 * pack's bug, reported as {@code internal_error} naming the field; the side effect, if any, has
 * happened, and the message says so.
 */
final class CheckOutputStage implements Stage {

    @Override
    public String name() {
        return "check-output";
    }

    @Override
    public Call apply(Call call) throws CallFailure {
        JsonNode output;
        try {
            output = Json.toTree(call.output());
        } catch (IllegalArgumentException e) {
            throw CallFailure.of(ErrorType.INTERNAL_ERROR, "pack " + call.tool().pack().id() + ": " + call.tool().name()
                    + " returned output that is not JSON");
        }
        List<String> violations = call.tool().output().violations(output, "output");
        if (!violations.isEmpty()) {
            throw CallFailure.of(ErrorType.INTERNAL_ERROR, "pack " + call.tool().pack().id() + ": "
                    + call.tool().name() + " ran, but its output does not match its output schema: "
                    + String.join("; ", violations), "the call's effect may have happened; check before retrying",
                    "report this to the pack's author");
        }
        return call;
    }
}
