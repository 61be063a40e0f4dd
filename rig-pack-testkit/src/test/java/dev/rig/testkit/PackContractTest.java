package dev.rig.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit passes a pack that keeps the contract and names every way a pack breaks it. */
class PackContractTest {

    private static final String IN = """
            {"type":"object","properties":{"word":{"type":"string"}},"required":["word"],"additionalProperties":false}""";
    private static final String OUT = """
            {"type":"object","properties":{"upper":{"type":"string"}},"required":["upper"]}""";

    private static Pack pack(String id, ToolDef def, java.util.function.Function<ToolCall, Map<String, Object>> body) {
        return new Pack() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String version() {
                return "1.0.0";
            }

            @Override
            public List<Tool> tools(PackEnvironment environment) {
                return List.of(new Tool() {
                    @Override
                    public ToolDef definition() {
                        return def;
                    }

                    @Override
                    public Map<String, Object> invoke(ToolCall call) {
                        return body.apply(call);
                    }
                });
            }
        };
    }

    private static Map<String, Object> upper(ToolCall call) {
        return Map.of("upper", call.string("word").toUpperCase());
    }

    @Test
    void aPackKeepingTheContractPasses() {
        ToolDef def = ToolDef.builder("text.upper").description("upper-cases").inputSchema(IN).outputSchema(OUT)
                .example("hi", "", "{\"word\":\"hi\"}", "{\"upper\":\"HI\"}").build();
        assertThatCode(() -> PackContract.of(pack("text", def, PackContractTest::upper)).verify())
                .doesNotThrowAnyException();
    }

    @Test
    void anExampleTheToolDoesNotReproduceFails() {
        ToolDef def = ToolDef.builder("text.upper").description("").inputSchema(IN).outputSchema(OUT)
                .example("hi", "", "{\"word\":\"hi\"}", "{\"upper\":\"Hi\"}").build();
        assertThatThrownBy(() -> PackContract.of(pack("text", def, PackContractTest::upper)).verify())
                .hasMessageContaining("example 'hi'").hasMessageContaining("\"HI\"");
    }

    @Test
    void anExampleBreakingTheInputSchemaFails() {
        ToolDef def = ToolDef.builder("text.upper").description("").inputSchema(IN).outputSchema(OUT)
                .example("bad", "", "{\"word\":5}", null).build();
        assertThatThrownBy(() -> PackContract.of(pack("text", def, PackContractTest::upper)).verify())
                .hasMessageContaining("input.word");
    }

    @Test
    void missingExamplesBadNamesAndInvalidDefinitionsFail() {
        ToolDef noExample = ToolDef.builder("other.upper").description("").inputSchema(IN).outputSchema(OUT).build();
        assertThatThrownBy(() -> PackContract.of(pack("text", noExample, PackContractTest::upper)).verify())
                .hasMessageContaining("has no example")
                .hasMessageContaining("should be named text");
        ToolDef invalid = ToolDef.builder("text.bad name").description("").inputSchema(IN).outputSchema(OUT)
                .example("x", "", "{\"word\":\"a\"}", null).build();
        assertThatThrownBy(() -> PackContract.of(pack("text", invalid, PackContractTest::upper)).verify())
                .hasMessageContaining("name");
    }

    @Test
    void testsAreNamedByToolAndExample() {
        ToolDef def = ToolDef.builder("text.upper").description("").inputSchema(IN).outputSchema(OUT)
                .example("hi", "", "{\"word\":\"hi\"}", "{\"upper\":\"HI\"}").build();
        assertThat(PackContract.of(pack("text", def, PackContractTest::upper)).tests())
                .extracting(t -> t.getDisplayName())
                .contains("text: loads without problems", "text.upper example 'hi'");
    }
}
