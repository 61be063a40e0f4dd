package dev.rig.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.registry.SchemaCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pack contract a candidate version must meet before it may serve calls (the checks of the
 * testkit's {@code PackContract} that need no vendor): every tool has an example; every example's
 * input is valid for the tool's input schema, and its output, when given, for the output schema.
 *
 * <p>Examples are not run here: running a candidate's write or money tools against the vendor to check
 * it would have real effects. Pack authors run them in their own tests, against a stub.
 */
final class ContractCheck {

    private ContractCheck() {}

    /** What breaks the contract in {@code tools} (name → RTP ToolDef JSON), one sentence each; empty when nothing. */
    static List<String> violations(Map<String, JsonNode> tools) {
        List<String> violations = new ArrayList<>();
        tools.forEach((name, tool) -> {
            JsonNode examples = tool.path("examples");
            if (!examples.isArray() || examples.isEmpty()) {
                violations.add(name + ": no example (every tool shows at least one call)");
                return;
            }
            SchemaCheck input;
            SchemaCheck output;
            try {
                input = SchemaCheck.compile(tool.path("input_schema"));
                output = SchemaCheck.compile(tool.path("output_schema"));
            } catch (IllegalArgumentException e) {
                violations.add(name + ": schema does not compile: " + e.getMessage());
                return;
            }
            for (JsonNode example : examples) {
                String label = name + " example '" + example.path("name").asText() + "'";
                violations.addAll(input.violations(example.path("input"), label + " input"));
                JsonNode out = example.path("output");
                if (!out.isMissingNode() && !out.isNull()) {
                    violations.addAll(output.violations(out, label + " output"));
                }
            }
        });
        return violations;
    }
}
