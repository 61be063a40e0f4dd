package dev.rig.mcp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rig.core.Gateway;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolResult;
import dev.rig.core.audit.AuditEntry;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.audit.Outcome;
import dev.rig.core.config.ConfigLoader;
import dev.rig.server.RgpServer;
import dev.rig.spi.ErrorType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * RIG as the official MCP TypeScript SDK client sees it ({@code Client} with
 * {@code StreamableHTTPClientTransport} and {@code StdioClientTransport}, version pinned in
 * {@code src/test/node/package-lock.json}): node scripts in {@code src/test/node} print what the
 * client got as JSON, and this test checks it, along with what the gateway did.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TypeScriptClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final String DOOMED = "doomed.txt";

    private static NodeTools node;

    @TempDir
    Path dir;

    @BeforeAll
    static void installNodeProject() {
        node = NodeTools.installed();
    }

    @BeforeEach
    void workspace() throws IOException {
        Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(dir.resolve("workspace").resolve(DOOMED), "delete me once");
    }

    @Test
    void overStreamableHttpTheSdkClientInitializesListsCallsAndGetsRigsErrorsAndApprovalText() {
        try (Gateway gateway = Gateway.open(ConfigLoader.load(dir)); RgpServer server = serve(gateway)) {
            JsonNode report = session("http", server.baseUrl() + "/mcp");

            UUID token = checkSession(report);
            assertThat(dir.resolve("workspace").resolve(DOOMED)).as("nothing runs before the approval").exists();
            approveOnce(gateway, token);
        }
    }

    @Test
    void overStdioTheSdkClientStartsRigAndGetsTheSameAndTheHeldCallOutlivesTheServerProcess() {
        JsonNode report = session("stdio", javaBinary(), dir.toString());

        UUID token = checkSession(report);
        assertThat(dir.resolve("workspace").resolve(DOOMED)).as("nothing runs before the approval").exists();
        // The stdio server has exited (the client closed its stdin); the held call is in the database,
        // and a person approves it from another process, as `rig approve` does.
        try (Gateway gateway = Gateway.open(ConfigLoader.load(dir))) {
            approveOnce(gateway, token);
        }
    }

    @Test
    void aReloadThatAddsAToolSendsTheSdkClientOneToolsListChanged() throws Exception {
        try (Gateway gateway = Gateway.open(ConfigLoader.load(dir)); RgpServer server = serve(gateway);
             NodeTools.Started script = node.start(Map.of(), "ts-client-list-changed.mjs", "http",
                     server.baseUrl() + "/mcp")) {
            BlockingQueue<Optional<String>> lines = lines(script.process());

            JsonNode ready = next(lines, script, "ready");
            assertThat(ready.at("/capabilities/tools/listChanged").asBoolean()).isTrue();
            assertThat(names(ready.get("tools"))).contains("echo").doesNotContain(DynamicPack.TOOL);

            Files.writeString(dir.resolve(DynamicPack.MARKER), "on");
            gateway.reload();

            JsonNode changed = next(lines, script, "changed");
            assertThat(changed.at("/notification/method").asText()).isEqualTo("notifications/tools/list_changed");
            assertThat(changed.get("onTheWire")).as("one notice for the whole snapshot swap").hasSize(1);
            assertThat(names(changed.get("tools"))).as("tools/list after the notice")
                    .contains("echo", DynamicPack.TOOL);
            assertThat(script.process().waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("the script ends after the second listing").isTrue();
            assertThat(script.process().exitValue()).as(script.stderrText()).isZero();
        }
    }

    /** Checks what every session reports, whatever the transport; returns the approval token. */
    private static UUID checkSession(JsonNode report) {
        assertThat(report.at("/initialize/protocolVersion").asText()).isEqualTo("2025-11-25");
        assertThat(report.at("/initialize/serverInfo/name").asText()).isEqualTo("rig");
        assertThat(report.at("/serverVersion/name").asText()).isEqualTo("rig");
        assertThat(report.at("/serverCapabilities/tools/listChanged").asBoolean()).isTrue();
        assertThat(report.at("/initialize/instructions").asText()).contains("approval");

        JsonNode echo = tool(report, "echo");
        assertThat(echo.at("/inputSchema/required/0").asText()).isEqualTo("message");
        assertThat(echo.at("/outputSchema/type").asText()).isEqualTo("object");
        assertThat(echo.at("/outputSchema/properties").has("tenant_id")).isTrue();
        assertThat(echo.at("/annotations/readOnlyHint").asBoolean()).isTrue();
        assertThat(echo.at("/annotations/idempotentHint").asBoolean()).isTrue();
        assertThat(echo.at("/_meta/dev.rig~1risk_class").asText()).isEqualTo("read");
        JsonNode delete = tool(report, "fs.delete_file");
        assertThat(delete.at("/annotations/destructiveHint").asBoolean()).isTrue();
        assertThat(delete.at("/annotations/readOnlyHint").asBoolean()).isFalse();
        assertThat(delete.at("/_meta/dev.rig~1requires_approval").asBoolean()).isTrue();

        JsonNode ok = report.get("echo");
        assertThat(ok.path("isError").asBoolean()).isFalse();
        assertThat(ok.get("structuredContent")).isEqualTo(JSON.valueToTree(
                Map.of("message", "hello from TypeScript", "tenant_id", "default")));
        assertThat(parse(ok.at("/content/0/text").asText())).as("the text block carries the same JSON")
                .isEqualTo(ok.get("structuredContent"));
        assertThat(ok.at("/_meta/dev.rig~1correlation_id").asText()).isNotBlank();

        JsonNode invalid = report.get("validationError");
        assertThat(invalid.path("isError").asBoolean()).isTrue();
        assertThat(invalid.at("/_meta/dev.rig~1error/type").asText()).isEqualTo("validation_error");
        assertThat(invalid.at("/content/0/text").asText()).startsWith("validation_error: ").contains("message");
        assertThat(invalid.has("structuredContent")).as("no structuredContent on errors").isFalse();

        JsonNode held = report.get("approval");
        String token = held.at("/_meta/dev.rig~1approval/token").asText();
        assertThat(held.path("isError").asBoolean()).isTrue();
        assertThat(held.at("/_meta/dev.rig~1error/type").asText()).isEqualTo("approval_required");
        assertThat(held.at("/_meta/dev.rig~1approval/actor").asText())
                .as("the MCP client's name is the requester").isEqualTo("ts-sdk-client");
        assertThat(held.at("/content/0/text").asText()).contains("approve token: " + token)
                .contains("rig approve " + token).contains("Nothing has run yet");

        // What an agent built on the SDK sees: its callTool checks structuredContent against the tool's
        // outputSchema even when isError is true (typescript-sdk issue #1943), which is why RIG keeps the
        // RTP error under _meta. The SDK must hand the error results over, approval text included.
        JsonNode viaSdkInvalid = report.get("validationErrorViaCallTool");
        assertThat(viaSdkInvalid.has("threw")).as(String.valueOf(viaSdkInvalid)).isFalse();
        assertThat(viaSdkInvalid.at("/returned/isError").asBoolean()).as(String.valueOf(viaSdkInvalid)).isTrue();
        assertThat(viaSdkInvalid.at("/returned/content/0/text").asText()).startsWith("validation_error: ");
        JsonNode viaSdkHeld = report.get("approvalViaCallTool");
        assertThat(viaSdkHeld.has("threw")).as(String.valueOf(viaSdkHeld)).isFalse();
        assertThat(viaSdkHeld.at("/returned/content/0/text").asText()).contains("approve token: ")
                .contains("rig approve ");
        return UUID.fromString(token);
    }

    /** alice approves: the held delete runs exactly once. */
    private void approveOnce(Gateway gateway, UUID token) {
        ToolResult approved = gateway.approve(token, "alice");

        assertThat(approved.ok()).as(String.valueOf(approved.error())).isTrue();
        assertThat(approved.output()).containsEntry("deleted", true);
        assertThat(dir.resolve("workspace").resolve(DOOMED)).doesNotExist();
        assertThatThrownBy(() -> gateway.approve(token, "alice")).isInstanceOfSatisfying(RigException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND));
        List<Outcome> outcomes = gateway.queryAudit(new AuditQuery(null, null, null, null, "fs.delete_file", null,
                null, AuditQuery.MAX_LIMIT, null)).entries().stream().map(AuditEntry::event)
                .map(AuditEvent::outcome).toList();
        assertThat(outcomes).as("the SDK client asked twice (request and callTool); one ran, after approval")
                .containsExactlyInAnyOrder(Outcome.APPROVAL_REQUIRED, Outcome.APPROVAL_REQUIRED, Outcome.OK);
    }

    private static RgpServer serve(Gateway gateway) {
        return RgpServer.start(gateway, gateway.config().server().withHostAndPort("127.0.0.1", 0));
    }

    /** Runs ts-client-session.mjs with {@code args} and returns its JSON report. */
    private static JsonNode session(String... args) {
        List<String> command = new ArrayList<>(List.of("ts-client-session.mjs"));
        command.addAll(List.of(args));
        NodeTools.Run run = node.run(SCRIPT_TIMEOUT, Map.of("RIG_TEST_CLASSPATH", System.getProperty("java.class.path")),
                command.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        System.err.printf("ts-client-session.mjs %s took %d ms%n", args[0], run.took().toMillis());
        return parse(run.lastLine());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static JsonNode tool(JsonNode report, String name) {
        for (JsonNode tool : report.get("tools")) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError(name + " is not in tools/list: " + names(report.get("tools")));
    }

    private static List<String> names(JsonNode tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(tool -> names.add(tool.isTextual() ? tool.asText() : tool.path("name").asText()));
        return names;
    }

    /** stdout lines of {@code process}, as they come; empty at the end. */
    private static BlockingQueue<Optional<String>> lines(Process process) {
        BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(Optional.of(line));
                }
            } catch (IOException e) {
                // the process was stopped: end of its output
            } finally {
                lines.add(Optional.empty());
            }
        });
        return lines;
    }

    /** The next JSON line, which must be {@code event}. */
    private static JsonNode next(BlockingQueue<Optional<String>> lines, NodeTools.Started script, String event)
            throws InterruptedException {
        Optional<String> line = lines.poll(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (line == null || line.isEmpty()) {
            throw new AssertionError("the script printed no \"" + event + "\" line ("
                    + (line == null ? "timed out" : "it ended") + "); its stderr:\n"
                    + NodeTools.tail(script.stderrText()));
        }
        JsonNode json = parse(line.get());
        assertThat(json.path("event").asText()).as(line.get()).isEqualTo(event);
        return json;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
