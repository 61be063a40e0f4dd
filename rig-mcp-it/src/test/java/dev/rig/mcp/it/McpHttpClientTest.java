package dev.rig.mcp.it;

import static dev.rig.mcp.it.TestRig.MAP;
import static dev.rig.mcp.it.TestRig.byName;
import static dev.rig.mcp.it.TestRig.call;
import static dev.rig.mcp.it.TestRig.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.Outcome;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java SDK's client against RIG's streamable HTTP endpoint: what an MCP host sees of the gateway. */
class McpHttpClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void initializeNegotiatesTheCurrentProtocolAndAnnouncesRigWithToolsAndLogging() {
        try (TestRig rig = TestRig.start(dir, null); McpSyncClient client = rig.client("init-test").build()) {
            McpSchema.InitializeResult init = client.initialize();

            assertThat(init.protocolVersion()).isEqualTo(ProtocolVersions.MCP_2025_11_25);
            assertThat(init.serverInfo().name()).isEqualTo("rig");
            assertThat(init.capabilities().tools()).isNotNull();
            assertThat(init.capabilities().tools().listChanged()).isTrue();
            assertThat(init.capabilities().logging()).isNotNull();
            assertThat(init.instructions()).contains("approval");
        }
    }

    @Test
    void toolsListShowsSchemasAnnotationsFollowingTheRiskAndRigMeta() {
        try (TestRig rig = TestRig.start(dir, null); McpSyncClient client = rig.client("list-test").build()) {
            client.initialize();
            Map<String, McpSchema.Tool> tools = byName(client.listTools().tools());

            McpSchema.Tool echo = tools.get("echo");
            assertThat(echo).as("echo is listed").isNotNull();
            assertThat(echo.title()).isNotBlank();
            assertThat(echo.description()).contains("message");
            assertThat(echo.inputSchema()).containsEntry("type", "object").containsEntry("required", List.of("message"));
            assertThat(echo.inputSchema().get("properties")).asInstanceOf(MAP).containsKey("message");
            assertThat(echo.outputSchema()).containsEntry("type", "object").containsKey("properties");
            assertThat(echo.annotations().readOnlyHint()).isTrue();
            assertThat(echo.annotations().idempotentHint()).isTrue();
            assertThat(echo.meta()).containsEntry("dev.rig/risk_class", "read")
                    .containsEntry("dev.rig/pack", "echo")
                    .containsKeys("dev.rig/pack_version", "dev.rig/interface_hash");
            assertThat(echo.meta().get("dev.rig/interface_hash")).asString().isNotBlank();

            McpSchema.Tool delete = tools.get("fs.delete_file");
            assertThat(delete.annotations().readOnlyHint()).isFalse();
            assertThat(delete.annotations().destructiveHint()).isTrue();
            assertThat(delete.annotations().idempotentHint()).isFalse();
            assertThat(delete.meta()).containsEntry("dev.rig/risk_class", "destructive")
                    .containsEntry("dev.rig/pack", "fs");

            McpSchema.Tool write = tools.get("fs.write_file");
            assertThat(write.annotations().readOnlyHint()).isFalse();
            assertThat(write.annotations().destructiveHint())
                    .as("a plain write must say destructiveHint=false: MCP assumes destructive when absent")
                    .isFalse();
            assertThat(tools.get("fs.read_file").annotations().readOnlyHint()).isTrue();
            assertThat(tools).containsKeys("test_simple_text", "test_image_content", "test_slow")
                    .doesNotContainKey(DynamicPack.TOOL);
        }
    }

    @Test
    void toolsDeniedByPolicyAreNotListedAndCannotBeCalled() throws Exception {
        Path doomed = Files.createDirectories(dir.resolve("workspace")).resolve("keep.txt");
        Files.writeString(doomed, "keep me");
        try (TestRig rig = TestRig.start(dir, "policy: {denied_tools: [\"fs.*\"]}\n");
             McpSyncClient client = rig.client("policy-test").build()) {
            client.initialize();

            assertThat(byName(client.listTools().tools())).containsKey("echo")
                    .doesNotContainKeys("fs.read_file", "fs.write_file", "fs.delete_file", "fs.list_directory");
            assertThatThrownBy(() -> client.callTool(call("fs.delete_file", Map.of("path", "keep.txt"))))
                    .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code())
                            .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
            assertThat(doomed).exists();
        }
    }

    @Test
    void aCallReturnsItsOutputAsStructuredContentAndTextAndIsAuditedUnderTheClientName() throws Exception {
        try (TestRig rig = TestRig.start(dir, null); McpSyncClient client = rig.client("audited-agent").build()) {
            client.initialize();
            CallToolResult result = client.callTool(call("echo", Map.of("message", "hello over MCP")));

            assertThat(result.isError()).isFalse();
            Map<String, Object> expected = Map.of("message", "hello over MCP", "tenant_id", "default");
            assertThat(result.structuredContent()).isEqualTo(expected);
            assertThat(JSON.readTree(text(result))).isEqualTo(JSON.valueToTree(expected));
            Object correlationId = result.meta().get("dev.rig/correlation_id");
            assertThat(correlationId).asString().isNotBlank();
            assertThat(result.meta()).containsEntry("dev.rig/pack", "echo");

            List<AuditEvent> audit = rig.audit("echo");
            assertThat(audit).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(Outcome.OK);
                assertThat(event.actor()).isEqualTo("audited-agent");
                assertThat(event.runId()).isEqualTo(correlationId);
            });
        }
    }

    @Test
    void invalidArgumentsGiveAToolErrorThatNamesTheField() {
        try (TestRig rig = TestRig.start(dir, null); McpSyncClient client = rig.client("sloppy-agent").build()) {
            client.initialize();
            CallToolResult result = client.callTool(call("echo", Map.of("message", 5)));

            assertThat(result.isError()).isTrue();
            assertThat(result.structuredContent())
                    .as("no structuredContent on errors: clients check it against the outputSchema").isNull();
            assertThat(result.meta().get("dev.rig/error")).asInstanceOf(MAP)
                    .containsEntry("type", "validation_error")
                    .hasEntrySatisfying("message", message -> assertThat(message).asString().contains("args.message"));
            assertThat(text(result)).startsWith("validation_error: ").contains("args.message");
            assertThat(rig.audit("echo")).singleElement()
                    .satisfies(event -> assertThat(event.outcome()).isEqualTo(Outcome.ERROR));
        }
    }

    @Test
    void anUnknownToolIsAJsonRpcInvalidParamsError() {
        try (TestRig rig = TestRig.start(dir, null); McpSyncClient client = rig.client("lost-agent").build()) {
            client.initialize();

            assertThatThrownBy(() -> client.callTool(call("no_such_tool", Map.of())))
                    .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code())
                            .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
            assertThat(client.callTool(call("echo", Map.of("message", "still here"))).isError())
                    .as("the session survives the error").isFalse();
        }
    }

    @Test
    void progressNotificationsArriveInOrderBeforeTheResult() {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (TestRig rig = TestRig.start(dir, null)) {
            RecordingTransport transport = new RecordingTransport(rig.transport());
            try (McpSyncClient client = TestRig.client("progress-agent", transport).progressConsumer(progress::add)
                    .build()) {
                client.initialize();
                CallToolResult result = client.callTool(CallToolRequest.builder("test_tool_with_progress")
                        .arguments(Map.of()).progressToken("progress-1").build());

                assertThat(result.isError()).isFalse();
                await().atMost(Duration.ofSeconds(5)).until(() -> progress.size() >= 3);
                assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("progress-1"));
                assertThat(progress).extracting(McpSchema.ProgressNotification::progress)
                        .containsExactlyInAnyOrder(0.0, 50.0, 100.0);
                assertThat(progress).allSatisfy(p -> assertThat(p.total()).isEqualTo(100.0));

                // On the wire: every progress notification, in increasing order, before the call's answer.
                Object callId = transport.requestIdOfCall("test_tool_with_progress");
                List<String> wire = transport.received().stream().map(McpHttpClientTest::describe).toList();
                assertThat(wire).containsSubsequence("progress 0.0", "progress 50.0", "progress 100.0",
                        "response " + callId);
                assertThat(wire.indexOf("response " + callId)).isGreaterThan(wire.lastIndexOf("progress 100.0"));
            }
        }
    }

    private static String describe(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCNotification n && McpSchema.METHOD_NOTIFICATION_PROGRESS.equals(
                n.method()) && n.params() instanceof Map<?, ?> params) {
            return "progress " + ((Number) params.get("progress")).doubleValue();
        }
        if (message instanceof McpSchema.JSONRPCResponse response) {
            return "response " + response.id();
        }
        return message.getClass().getSimpleName();
    }

    @Test
    void afterSettingTheLogLevelToolLogMessagesReachTheClient() {
        List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
        try (TestRig rig = TestRig.start(dir, null);
             McpSyncClient client = rig.client("logging-agent").loggingConsumer(logs::add).build()) {
            client.initialize();
            client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
            CallToolResult result = client.callTool(call("test_tool_with_logging", Map.of()));

            assertThat(result.isError()).isFalse();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs).hasSizeGreaterThanOrEqualTo(3));
            assertThat(logs).extracting(McpSchema.LoggingMessageNotification::data)
                    .contains("Tool execution started", "Tool processing data", "Tool execution completed");
            assertThat(logs).allSatisfy(l -> assertThat(l.level()).isEqualTo(McpSchema.LoggingLevel.INFO));
        }
    }

    @Test
    void mediaOutputsBecomeImageAndAudioBlocks() {
        try (TestRig rig = TestRig.start(dir, null); McpSyncClient client = rig.client("media-agent").build()) {
            client.initialize();

            CallToolResult image = client.callTool(call("test_image_content", Map.of()));
            assertThat(image.isError()).isFalse();
            assertThat(image.content()).filteredOn(McpSchema.ImageContent.class::isInstance).singleElement()
                    .satisfies(block -> {
                        McpSchema.ImageContent png = (McpSchema.ImageContent) block;
                        assertThat(png.mimeType()).isEqualTo("image/png");
                        assertThat(Base64.getDecoder().decode(png.data())).isEqualTo(ConformancePack.PNG);
                    });

            CallToolResult audio = client.callTool(call("test_audio_content", Map.of()));
            assertThat(audio.isError()).isFalse();
            assertThat(audio.content()).filteredOn(McpSchema.AudioContent.class::isInstance).singleElement()
                    .satisfies(block -> {
                        McpSchema.AudioContent wav = (McpSchema.AudioContent) block;
                        assertThat(wav.mimeType()).isEqualTo("audio/wav");
                        assertThat(Base64.getDecoder().decode(wav.data())).isEqualTo(ConformancePack.silentWav());
                    });
        }
    }

    @Test
    void aReloadThatChangesTheToolsTellsConnectedClientsTheListChanged() throws Exception {
        List<List<McpSchema.Tool>> announced = new CopyOnWriteArrayList<>();
        try (TestRig rig = TestRig.start(dir, null);
             McpSyncClient client = rig.client("watching-agent").toolsChangeConsumer(announced::add).build()) {
            client.initialize();
            assertThat(byName(client.listTools().tools())).doesNotContainKey(DynamicPack.TOOL);

            Files.writeString(dir.resolve(DynamicPack.MARKER), "on");
            rig.gateway().reload();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(announced)
                    .anySatisfy(tools -> assertThat(byName(tools)).containsKey(DynamicPack.TOOL)));
            assertThat(byName(client.listTools().tools())).containsKey(DynamicPack.TOOL).containsKey("echo");
            assertThat(client.callTool(call(DynamicPack.TOOL, Map.of())).structuredContent())
                    .isEqualTo(Map.of("added", true));

            announced.clear();
            Files.delete(dir.resolve(DynamicPack.MARKER));
            rig.gateway().reload();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(announced)
                    .anySatisfy(tools -> assertThat(byName(tools)).doesNotContainKey(DynamicPack.TOOL)));
            assertThat(byName(client.listTools().tools())).doesNotContainKey(DynamicPack.TOOL);
        }
    }

    @Test
    void aPromotionAndARollbackTellConnectedClientsTheListChangedEvenWhenTheNamesStayTheSame() throws Exception {
        List<List<McpSchema.Tool>> announced = new CopyOnWriteArrayList<>();
        try (TestRig rig = TestRig.start(dir, null);
             McpSyncClient client = rig.client("watching-agent").toolsChangeConsumer(announced::add).build()) {
            client.initialize();
            Map<String, McpSchema.Tool> before = byName(client.listTools().tools());
            rig.gateway().requestCanary(dev.rig.core.lock.LockFile.empty("test", java.time.Instant.now()), 10, "ops");
            await().atMost(Duration.ofSeconds(10)).until(() -> !announced.isEmpty());
            announced.clear();

            rig.gateway().promote("ops");
            await().atMost(Duration.ofSeconds(10)).until(() -> !announced.isEmpty());
            assertThat(announced).hasSize(1);
            assertThat(byName(announced.get(0)).keySet()).isEqualTo(before.keySet());

            announced.clear();
            rig.gateway().rollback("ops");
            await().atMost(Duration.ofSeconds(10)).until(() -> !announced.isEmpty());
            assertThat(byName(client.listTools().tools()).keySet()).isEqualTo(before.keySet());
        }
    }
}
