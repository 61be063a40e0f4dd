package dev.rig.bench;

import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.ConfigLoader;
import dev.rig.mcp.mount.MountedServers;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What mounting a stdio MCP server in RIG adds to a call of it: {@code server-everything}'s {@code echo}
 * (Node 22, the version rig-mcp-it pins) called through RIG as the mounted tool {@code everything.echo}
 * (the whole pipeline: validation, policy, the mount's pin check, the MCP SDK's async client over RIG's
 * supervised stdio transport, output check, audit in SQLite with the default durability) against the
 * same server process kind called directly with the same MCP Java SDK async client over the SDK's own
 * stdio transport. One caller; SampleTime in µs; each mode in its own fork with its own server process.
 *
 * <p>Needs the Node project of bench/mcp-servers.sh ({@code bench/target/node}, or
 * {@code RIG_BENCH_NODE_DIR}). Run from the repository root:
 * {@code java -jar bench/target/benchmarks.jar MountedServerBenchmark} (≈ 3 min; bench/mcp-mount.sh
 * prepares the servers and runs it). The figure is the difference of the p50s ({@code rig} −
 * {@code direct}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
public class MountedServerBenchmark {

    private static final Map<String, Object> ARGS = Map.of("message", "hi");
    private static final McpSchema.CallToolRequest ECHO = new McpSchema.CallToolRequest("echo", ARGS, null);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** {@code rig}: through the gateway, mounted; {@code direct}: the SDK client alone, the baseline. */
    @Param({"direct", "rig"})
    public String mode;

    private Path workspace;
    private Gateway gateway;
    private McpAsyncClient client;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        NodeServers node = new NodeServers(Path.of(System.getenv().getOrDefault("RIG_BENCH_NODE_DIR",
                "bench/target/node")));
        List<String> command = node.command(NodeServers.EVERYTHING);
        if (mode.equals("direct")) {
            ServerParameters server = ServerParameters.builder(command.getFirst())
                    .args(command.subList(1, command.size())).build();
            client = McpClient.async(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                    .requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build();
            client.initialize().block(TIMEOUT);
        } else {
            workspace = Files.createTempDirectory("rig-mount-bench");
            Files.writeString(workspace.resolve("rig.yaml"), """
                    packs: {}
                    audit_db_path: .rig/audit.db
                    mcp_servers:
                      everything: {command: %s}
                    """.formatted(NodeServers.yaml(command)));
            gateway = Gateway.open(ConfigLoader.load(workspace), InstantSource.system(), Duration.ofMillis(200),
                    System.getenv(), new MountedServers());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (client != null) {
            client.closeGracefully().block(TIMEOUT);
        }
        if (gateway != null) {
            gateway.close();
        }
        TempDirs.delete(workspace);
    }

    @Benchmark
    public Object call() {
        if (client != null) {
            McpSchema.CallToolResult result = client.callTool(ECHO).block(TIMEOUT);
            if (result == null || Boolean.TRUE.equals(result.isError())
                    || !(result.content().getFirst() instanceof McpSchema.TextContent text)
                    || !text.text().equals("Echo: hi")) {
                throw new IllegalStateException("the direct call failed: " + result);
            }
            return result;
        }
        ToolResult result = gateway.call(CallRequest.of("everything.echo", ARGS));
        if (!result.ok()) {
            throw new IllegalStateException("the RIG call failed: " + result.error());
        }
        return result;
    }
}
