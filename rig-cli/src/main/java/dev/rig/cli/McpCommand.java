package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.Gateway;
import dev.rig.mcp.mount.MountedServers;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.mcp.McpHttp;
import dev.rig.mcp.McpStdio;
import dev.rig.server.WorkspaceWatcher;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rig mcp}: the gateway's tools as an MCP server on standard input and output, for MCP
 * clients that start their servers (Claude Desktop, Cursor, ...). Standard output carries JSON-RPC
 * only: logs, and anything a pack prints by mistake, go to standard error. The process ends when
 * standard input closes.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve the gateway's tools over MCP on stdin/stdout (until stdin closes).",
                "The same tools are served over streamable HTTP at /mcp by `rig serve`."})
final class McpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--print-config",
            description = "Print the JSON to paste into an MCP client's server configuration, and exit.")
    boolean printConfig;

    @Option(names = "--http",
            description = "With --print-config: the streamable HTTP entry (for a running `rig serve`) instead of stdio.")
    boolean http;

    @Override
    public Integer call() throws InterruptedException {
        RigConfig config = common.config();
        if (printConfig) {
            JsonOutput.print(spec.commandLine().getOut(), clientConfig(config));
            return ExitCode.OK.code();
        }
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // keep stdout JSON-RPC only
        // The gateway opens (database, packs) while the MCP handshake is already answered.
        CompletableFuture<Gateway> opening = new CompletableFuture<>();
        Thread.ofPlatform().name("rig-open").start(() -> {
            try {
                opening.complete(Gateway.open(config, new MountedServers()));
            } catch (Throwable e) {
                opening.completeExceptionally(e);
            }
        });
        Thread serving = Thread.ofPlatform().name("rig-mcp-stdio").daemon(true).start(() -> {
            try {
                McpStdio.serve(opening, config, new FileInputStream(FileDescriptor.in), stdout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Gateway gateway;
        try {
            gateway = opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e; // reported on stderr, exit non-zero
        }
        // Installs and updates in the workspace reach the client as tools/list_changed, as with `rig serve`.
        WorkspaceWatcher watcher = config.source() == null ? null
                : WorkspaceWatcher.start(gateway, Duration.ofMillis(250));
        try (gateway) {
            serving.join();
        } finally {
            if (watcher != null) {
                watcher.close();
            }
        }
        return ExitCode.OK.code();
    }

    private ObjectNode clientConfig(RigConfig config) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode server = root.putObject("mcpServers").putObject("rig");
        if (http) {
            server.put("type", "http");
            server.put("url", config.server().baseUrl() + McpHttp.PATH);
            return root;
        }
        server.put("command", launcher());
        server.putArray("args").add("mcp").add("--dir").add(config.workingDirectory().toString());
        server.putObject("env").put("JAVA_HOME", System.getProperty("java.home"));
        return root;
    }

    /** The distribution's {@code bin/rig}, absolute, so the client can start it from anywhere. */
    private static String launcher() {
        String home = System.getProperty("rig.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "rig"))) {
            return Path.of(home, "bin", "rig").toAbsolutePath().normalize().toString();
        }
        return "rig";
    }
}
