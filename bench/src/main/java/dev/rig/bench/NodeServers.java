package dev.rig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real MCP servers of the MCP benchmarks, from a Node project installed with {@code npm ci} of
 * {@code rig-mcp-it/src/test/node} (bench/mcp-servers.sh does it into {@code bench/target/node}):
 * Node 22 from its {@code node} package, {@code @modelcontextprotocol/server-everything} and
 * {@code @modelcontextprotocol/server-filesystem} at the versions the integration tests pin.
 */
record NodeServers(Path dir) {

    static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem";

    NodeServers {
        dir = dir.toAbsolutePath().normalize();
        if (!Files.isExecutable(dir.resolve("node_modules/node/bin/node"))) {
            throw new IllegalArgumentException("no Node project in " + dir + " (run bench/mcp-servers.sh, or npm ci"
                    + " there with rig-mcp-it/src/test/node/package*.json)");
        }
    }

    Path node() {
        return dir.resolve("node_modules/node/bin/node");
    }

    /** {@code [node, <package's bin script>, args...]}. */
    List<String> command(String packageName, String... args) {
        Path packageDir = dir.resolve("node_modules").resolve(packageName);
        List<String> command = new ArrayList<>();
        command.add(node().toString());
        try {
            JsonNode bin = new ObjectMapper().readTree(packageDir.resolve("package.json").toFile()).path("bin");
            String script = bin.isTextual() ? bin.asText() : bin.elements().next().asText();
            command.add(packageDir.resolve(script).normalize().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        command.addAll(List.of(args));
        return command;
    }

    /** The installed version of {@code packageName}. */
    String version(String packageName) {
        try {
            return new ObjectMapper().readTree(dir.resolve("node_modules").resolve(packageName).resolve("package.json")
                    .toFile()).path("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code command} as a YAML flow list (JSON strings). */
    static String yaml(List<String> command) {
        try {
            return new ObjectMapper().writeValueAsString(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
