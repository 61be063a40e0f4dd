package dev.rig.mcp.it;

import static dev.rig.mcp.it.TestRig.byName;
import static dev.rig.mcp.it.TestRig.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rig.core.Gateway;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.Outcome;
import dev.rig.core.config.ConfigLoader;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** The Java SDK's stdio client against RIG's stdio server running as a separate process. */
class McpStdioClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aStdioSessionWorksAndStdoutCarriesOnlyJsonRpcWhileTheServerLogsAndPacksPrint() throws Exception {
        TestRig.prepare(dir, null);
        Files.writeString(dir.resolve(DynamicPack.MARKER), "on"); // its tool prints to System.out
        LineRecordingMapper mapper = new LineRecordingMapper();
        List<String> stderr = new CopyOnWriteArrayList<>();
        List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        StdioClientTransport transport = StdioServer.transport(dir, mapper, stderr::add);
        Process process;
        try (McpSyncClient client = TestRig.client("stdio-agent", transport)
                .loggingConsumer(logs::add).progressConsumer(progress::add).build()) {
            McpSchema.InitializeResult init = client.initialize();
            process = StdioServer.process(transport);

            assertThat(init.protocolVersion()).isEqualTo(ProtocolVersions.MCP_2025_11_25);
            assertThat(init.serverInfo().name()).isEqualTo("rig");
            assertThat(init.capabilities().tools().listChanged()).isTrue();
            assertThat(byName(client.listTools().tools())).containsKeys("echo", "fs.delete_file", DynamicPack.TOOL);

            CallToolResult echo = client.callTool(call("echo", Map.of("message", "over stdio")));
            assertThat(echo.structuredContent()).isEqualTo(Map.of("message", "over stdio", "tenant_id", "default"));
            assertThat(client.callTool(call(DynamicPack.TOOL, Map.of())).isError()).isFalse();
            client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
            assertThat(client.callTool(call("test_tool_with_logging", Map.of())).isError()).isFalse();
            assertThat(client.callTool(CallToolRequest.builder("test_tool_with_progress").arguments(Map.of())
                    .progressToken("stdio-progress").build()).isError()).isFalse();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(logs).hasSizeGreaterThanOrEqualTo(3);
                assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
                assertThat(stderr).as("what the pack printed went to stderr")
                        .anySatisfy(line -> assertThat(line).contains("dynamic.added says hello"));
            });
        }
        assertThat(stderr).as("the server logged while serving").anySatisfy(line -> assertThat(line).contains("INFO"));
        assertThat(mapper.lines).as("stdout lines read").hasSizeGreaterThanOrEqualTo(10);
        for (String line : mapper.lines) {
            JsonNode message = JSON.readTree(line);
            assertThat(message.isObject()).as("a JSON object: %s", line).isTrue();
            assertThat(message.path("jsonrpc").asText()).as("JSON-RPC 2.0: %s", line).isEqualTo("2.0");
            assertThat(message.has("method") || message.has("id")).as("a request, notification or response: %s",
                    line).isTrue();
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("closing the SDK client ends the server").isTrue();
    }

    @Test
    void aCancelledCallStopsAndClosingStdinEndsTheServerWithExitCodeZeroAndItsAuditKept() throws Exception {
        TestRig.prepare(dir, null);
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        StdioClientTransport stdio = StdioServer.transport(dir, McpJsonDefaults.getMapper(), line -> { });
        RecordingTransport transport = new RecordingTransport(stdio);
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(McpSchema.Implementation.builder("stdio-agent", "1.0.0").build())
                .requestTimeout(TestRig.CLIENT_TIMEOUT).initializationTimeout(TestRig.CLIENT_TIMEOUT)
                .progressConsumer(notification -> Mono.fromRunnable(() -> progress.add(notification)))
                .build();
        Process process;
        try {
            client.initialize().block(TestRig.CLIENT_TIMEOUT);
            process = StdioServer.process(stdio);
            Disposable slow = client.callTool(CallToolRequest.builder("test_slow").arguments(Map.of("seconds", 30))
                    .progressToken("slow-stdio").build()).subscribe(r -> { }, e -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> !progress.isEmpty()); // it is running

            transport.cancel(transport.requestIdOfCall("test_slow"), "the user pressed stop");
            slow.dispose();
            int seen = progress.size();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> progress.size() == seen); // the tool stopped reporting: it stopped

            process.getOutputStream().close(); // what a host does first to end a stdio server
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the server exits once stdin closes").isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            client.close();
        }

        try (Gateway gateway = Gateway.open(ConfigLoader.load(dir))) {
            List<AuditEvent> audit = TestRig.audit(gateway, "test_slow");
            assertThat(audit).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(Outcome.CANCELLED);
                assertThat(event.actor()).isEqualTo("stdio-agent");
                assertThat(event.durationMs()).isLessThan(10_000);
            });
        }
    }

    /** The SDK's JSON mapper, remembering every line the stdio transport read from the server's stdout. */
    private static final class LineRecordingMapper implements McpJsonMapper {

        private final McpJsonMapper delegate = McpJsonDefaults.getMapper();
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public <T> T readValue(String content, Class<T> type) throws IOException {
            lines.add(content);
            return delegate.readValue(content, type);
        }

        @Override
        public <T> T readValue(byte[] content, Class<T> type) throws IOException {
            return delegate.readValue(content, type);
        }

        @Override
        public <T> T readValue(String content, TypeRef<T> type) throws IOException {
            lines.add(content);
            return delegate.readValue(content, type);
        }

        @Override
        public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
            return delegate.readValue(content, type);
        }

        @Override
        public <T> T convertValue(Object from, Class<T> type) {
            return delegate.convertValue(from, type);
        }

        @Override
        public <T> T convertValue(Object from, TypeRef<T> type) {
            return delegate.convertValue(from, type);
        }

        @Override
        public String writeValueAsString(Object value) throws IOException {
            return delegate.writeValueAsString(value);
        }

        @Override
        public byte[] writeValueAsBytes(Object value) throws IOException {
            return delegate.writeValueAsBytes(value);
        }
    }
}
