package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rig mcp --print-config}: what a user pastes into an MCP client. */
class McpCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsAStdioServerEntryForThisWorkingDirectory() throws Exception {
        Cli.Run run = Cli.run("mcp", "--print-config", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode rig = Json.parse(run.out()).path("mcpServers").path("rig");
        assertThat(rig.path("args").toString()).isEqualTo(
                "[\"mcp\",\"--dir\",\"" + dir.toAbsolutePath().normalize() + "\"]");
        assertThat(rig.path("command").asText()).isNotBlank();
        assertThat(rig.path("env").path("JAVA_HOME").asText())
                .as("the client may start it without a JDK 21+ on its PATH").isEqualTo(System.getProperty("java.home"));
    }

    @Test
    void printsTheStreamableHttpEntryOfTheConfiguredServer() throws Exception {
        Files.writeString(dir.resolve("rig.yaml"), "server:\n  port: 9911\n");

        Cli.Run run = Cli.run("mcp", "--print-config", "--http", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode rig = Json.parse(run.out()).path("mcpServers").path("rig");
        assertThat(rig.path("type").asText()).isEqualTo("http");
        assertThat(rig.path("url").asText()).isEqualTo("http://127.0.0.1:9911/mcp");
    }

    @Test
    void aBrokenConfigIsReportedWithFileLineAndKeyAndNothingOnStdout() throws Exception {
        Files.writeString(dir.resolve("rig.yaml"), "mcp:\n  approvals: sometimes\n");

        Cli.Run run = Cli.run("mcp", "--dir", dir.toString());

        assertThat(run.exit()).as("a broken config fails the command like any other").isEqualTo(ExitCode.FAILED.code());
        assertThat(run.out()).as("stdout is the JSON-RPC channel").isEmpty();
        assertThat(run.err()).contains("rig.yaml:2: mcp.approvals: expected message or elicitation");
    }
}
