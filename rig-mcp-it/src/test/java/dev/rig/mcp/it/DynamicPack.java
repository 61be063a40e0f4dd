package dev.rig.mcp.it;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * A test pack whose tool set follows the working directory: {@value #TOOL} exists while the file
 * {@value #MARKER} does, so a test changes the tool set by creating the file and reloading the
 * gateway. Without the marker the pack has no tools (other tests see nothing of it).
 *
 * <p>The tool also writes a line to {@code System.out}, as careless pack code does, so that the
 * stdio tests can check that such output never reaches the JSON-RPC stream.
 */
public final class DynamicPack implements Pack {

    static final String MARKER = "dynamic-tool.marker";
    static final String TOOL = "dynamic.added";

    @Override
    public String id() {
        return "dynamic";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "A tool that exists while a marker file does (tests only).";
    }

    @Override
    public List<Tool> tools(PackEnvironment environment) {
        return Files.exists(environment.workingDirectory().resolve(MARKER)) ? List.of(new AddedTool()) : List.of();
    }

    private static final class AddedTool implements Tool {

        private static final ToolDef DEFINITION = ToolDef.builder(TOOL)
                .description("Exists while the marker file does; prints to System.out when called.")
                .risk(RiskClass.READ)
                .inputSchema("""
                        {"type": "object", "properties": {}, "additionalProperties": false}""")
                .outputSchema("""
                        {"type": "object", "properties": {"added": {"type": "boolean"}}, "required": ["added"],
                         "additionalProperties": false}""")
                .build();

        @Override
        public ToolDef definition() {
            return DEFINITION;
        }

        @Override
        public Map<String, Object> invoke(ToolCall call) {
            System.out.println("dynamic.added says hello on System.out (not JSON-RPC)");
            return Map.of("added", true);
        }
    }
}
