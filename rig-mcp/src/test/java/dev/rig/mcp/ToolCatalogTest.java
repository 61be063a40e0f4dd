package dev.rig.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.Gateway;
import dev.rig.core.config.ConfigLoader;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an MCP client learns about each tool from tools/list. */
class ToolCatalogTest {

    @TempDir
    Path dir;

    private Map<String, McpSchema.Tool> catalog(String yaml) throws IOException {
        Files.writeString(dir.resolve("rig.yaml"), yaml);
        try (Gateway gateway = Gateway.open(ConfigLoader.load(dir))) {
            return ToolCatalog.of(gateway.snapshot());
        }
    }

    @Test
    void annotationsFollowTheRiskClass() throws IOException {
        Map<String, McpSchema.Tool> tools = catalog("pack_set_version: t\n");

        McpSchema.ToolAnnotations read = tools.get("fs.read_file").annotations();
        assertThat(read.readOnlyHint()).isTrue();
        assertThat(read.destructiveHint()).isFalse();
        assertThat(read.idempotentHint()).isTrue();
        assertThat(read.openWorldHint()).as("fs needs no credentials: it calls no third party").isFalse();

        McpSchema.ToolAnnotations write = tools.get("fs.write_file").annotations();
        assertThat(write.readOnlyHint()).isFalse();
        assertThat(write.destructiveHint()).as("MCP assumes destructive when absent: say it").isFalse();

        McpSchema.ToolAnnotations delete = tools.get("fs.delete_file").annotations();
        assertThat(delete.readOnlyHint()).isFalse();
        assertThat(delete.destructiveHint()).isTrue();
    }

    @Test
    void eachToolCarriesItsSchemasTitleAndRigMetadata() throws IOException {
        McpSchema.Tool delete = catalog("pack_set_version: t\n").get("fs.delete_file");

        assertThat(delete.title()).isEqualTo("Delete file (fs)");
        assertThat(delete.inputSchema()).containsEntry("type", "object").containsKey("properties");
        assertThat(delete.outputSchema()).containsEntry("type", "object");
        assertThat(delete.meta()).containsEntry("dev.rig/risk_class", "destructive")
                .containsEntry("dev.rig/pack", "fs").containsEntry("dev.rig/requires_approval", true)
                .containsKeys("dev.rig/pack_version", "dev.rig/interface_hash");
    }

    @Test
    void toolsThePolicyDeniesAreNotListed() throws IOException {
        Map<String, McpSchema.Tool> tools = catalog("policy:\n  denied_tools: [\"fs.*\"]\n");

        assertThat(tools).containsKey("echo");
        assertThat(tools.keySet()).noneMatch(name -> name.startsWith("fs."));
    }
}
