package dev.rig.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import java.util.List;

/** {@code validate}: checks the args against the tool's input schema, naming each field at fault. */
final class ValidateInputStage implements Stage {

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public Call apply(Call call) throws CallFailure {
        JsonNode args = Json.toTree(call.request().args());
        List<String> violations = call.tool().input().violations(args, "args");
        if (!violations.isEmpty()) {
            throw CallFailure.of(ErrorType.VALIDATION_ERROR, String.join("; ", violations),
                    "see the input_schema of " + call.tool().name() + " (GET /v1/tools/" + call.tool().name() + ")");
        }
        return call.withArgs(args);
    }
}
