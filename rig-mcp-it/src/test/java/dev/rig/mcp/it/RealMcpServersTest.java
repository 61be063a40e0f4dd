package dev.rig.mcp.it;

import static dev.rig.mcp.it.TestRig.MAP;
import static dev.rig.mcp.it.TestRig.byName;
import static dev.rig.mcp.it.TestRig.call;
import static dev.rig.mcp.it.TestRig.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.Outcome;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.PinnedTool;
import dev.rig.mcp.it.Rgp.Reply;
import dev.rig.mcp.mount.MountedServers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two MCP servers nobody here wrote, mounted over stdio under {@code mcp_servers:} in one real gateway
 * served over HTTP: {@code server-everything} as {@code everything}, {@code server-filesystem} as
 * {@code files} with a temporary directory as its only allowed root. Their tools are listed and called
 * through RGP and through RIG's own MCP export, destructive ones wait for another actor's approval,
 * and {@code rig.lock} pins every tool of both.
 *
 * <p>One gateway (and one process per server) serves every test here; each test uses its own files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealMcpServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** In the gateway's environment only: a mounted server must not see it. */
    private static final String GATEWAY_ONLY = "RIG_IT_GATEWAY_SECRET";

    private Path dir;
    private Path root;
    private TestRig rig;
    private Rgp rgp;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        dir = Files.createDirectories(temp.resolve("workspace"));
        root = Files.createDirectories(temp.resolve("allowed"));
        Files.writeString(root.resolve("notes.txt"), "first line\nsecond line\n");
        Files.createDirectories(root.resolve("listed/sub"));
        Files.writeString(root.resolve("listed/a.txt"), "a");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put(GATEWAY_ONLY, "not-for-servers");
        rig = TestRig.start(dir, "packs: {}\nmcp_servers:\n"
                + RealServers.stdio("everything", RealServers.command(RealServers.program(RealServers.EVERYTHING)),
                        "env: {EVERYTHING_GREETING: from-rig-yaml}")
                + RealServers.stdio("files", RealServers.command(RealServers.program(RealServers.FILESYSTEM),
                        root.toString())), new MountedServers(environment));
        rgp = new Rgp(rig.baseUrl());
    }

    @AfterAll
    void stop() {
        if (rgp != null) {
            rgp.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theirToolsAreListedThroughRgpWithRiskClassesFromTheirAnnotations() {
        Reply reply = rgp.get("/v1/tools");

        assertThat(reply.status()).isEqualTo(200);
        Map<String, JsonNode> tools = StreamSupport.stream(reply.body().spliterator(), false)
                .collect(Collectors.toMap(t -> t.path("name").asText(), Function.identity()));
        assertThat(tools).containsKeys("everything.echo", "everything.get-sum", "files.read_file",
                "files.list_directory", "files.write_file", "files.edit_file", "files.move_file");
        assertThat(tools.keySet()).allMatch(name -> name.startsWith("everything.") || name.startsWith("files."));
        assertThat(risks(tools, "everything.echo", "everything.get-sum", "files.read_file", "files.list_directory",
                "files.create_directory", "files.write_file", "files.edit_file", "files.move_file"))
                .containsExactly("read", "read", "read", "read", "write", "destructive", "destructive", "destructive");
        JsonNode echo = tools.get("everything.echo");
        assertThat(echo.path("description").asText()).isEqualTo("Echoes back the input string");
        assertThat(echo.path("input_schema").path("required")).extracting(JsonNode::asText).containsExactly("message");
        assertThat(echo.path("tags")).extracting(JsonNode::asText).containsExactly("mcp", "everything");
        assertThat(tools.get("files.read_file").path("output_schema").path("properties").has("content"))
                .as("the server's output schema is the tool's").isTrue();

        Reply write = rgp.get("/v1/tools/files.write_file");
        assertThat(write.status()).isEqualTo(200);
        assertThat(write.body().path("risk_class").asText()).isEqualTo("destructive");
        assertThat(write.body().path("idempotent").asBoolean()).as("idempotentHint").isTrue();
    }

    @Test
    void theirToolsAreListedThroughRigsMcpExportWithRigsAnnotationsAndMeta() {
        try (McpSyncClient client = rig.client("listing-agent").build()) {
            client.initialize();
            Map<String, McpSchema.Tool> tools = byName(client.listTools().tools());

            McpSchema.Tool echo = tools.get("everything.echo");
            assertThat(echo).as("%s", tools.keySet()).isNotNull();
            assertThat(echo.inputSchema()).containsEntry("type", "object").containsEntry("required", List.of("message"));
            assertThat(echo.annotations().readOnlyHint()).isTrue();
            assertThat(echo.annotations().destructiveHint()).isFalse();
            assertThat(echo.meta()).containsEntry("dev.rig/risk_class", "read").containsEntry("dev.rig/pack", "everything")
                    .containsEntry("dev.rig/requires_approval", false).containsKey("dev.rig/pack_version");

            McpSchema.Tool write = tools.get("files.write_file");
            assertThat(write.annotations().readOnlyHint()).isFalse();
            assertThat(write.annotations().destructiveHint()).isTrue();
            assertThat(write.meta()).containsEntry("dev.rig/risk_class", "destructive")
                    .containsEntry("dev.rig/pack", "files").containsEntry("dev.rig/requires_approval", true);

            McpSchema.Tool mkdir = tools.get("files.create_directory");
            assertThat(mkdir.annotations().readOnlyHint()).isFalse();
            assertThat(mkdir.annotations().destructiveHint()).isFalse();
            assertThat(mkdir.meta()).containsEntry("dev.rig/risk_class", "write");

            Reply rgpList = rgp.get("/v1/tools");
            assertThat(tools.keySet()).as("MCP lists what RGP lists")
                    .containsExactlyInAnyOrderElementsOf(StreamSupport.stream(rgpList.body().spliterator(), false)
                            .map(t -> t.path("name").asText()).toList());
        }
    }

    @Test
    void callsReachBothServersThroughRgp() {
        Reply echo = rgp.call("everything.echo", Map.of("message", "hi"), "rgp-agent");
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.body().path("ok").asBoolean()).as("%s", echo.body()).isTrue();
        assertThat(echo.body().path("pack").asText()).isEqualTo("everything");
        assertThat(texts(echo.body().path("output"))).containsExactly("Echo: hi");
        assertThat(echo.body().path("output").path("content").get(0).path("type").asText())
                .as("content blocks keep their MCP type").isEqualTo("text");

        Reply sum = rgp.call("everything.get-sum", Map.of("a", 2, "b", 3.5), "rgp-agent");
        assertThat(texts(sum.body().path("output"))).containsExactly("The sum of 2 and 3.5 is 5.5.");

        Reply read = rgp.call("files.read_file", Map.of("path", root.resolve("notes.txt").toString()), "rgp-agent");
        assertThat(read.body().path("ok").asBoolean()).as("%s", read.body()).isTrue();
        assertThat(read.body().path("output").path("content").asText()).isEqualTo("first line\nsecond line\n");

        Reply list = rgp.call("files.list_directory", Map.of("path", root.resolve("listed").toString()), "rgp-agent");
        assertThat(list.body().path("output").path("content").asText().lines())
                .containsExactlyInAnyOrder("[FILE] a.txt", "[DIR] sub");

        Reply outside = rgp.call("files.read_file", Map.of("path", "/etc/hostname"), "rgp-agent");
        assertThat(outside.body().path("ok").asBoolean()).isFalse();
        assertThat(outside.body().path("error").path("type").asText()).isEqualTo("upstream_error");
        assertThat(outside.body().path("error").path("message").asText()).contains("files", "outside allowed");

        Reply invalid = rgp.call("everything.get-sum", Map.of("a", "two", "b", 3), "rgp-agent");
        assertThat(invalid.body().path("error").path("type").asText()).as("RIG checks the server's input schema")
                .isEqualTo("validation_error");
        assertThat(invalid.body().path("error").path("message").asText()).contains("a");

        assertThat(rig.audit("everything.echo")).extracting(AuditEvent::outcome, AuditEvent::actor, AuditEvent::pack)
                .contains(tuple(Outcome.OK, "rgp-agent", "everything"));
    }

    @Test
    void callsReachBothServersThroughRigsMcpExport() {
        try (McpSyncClient client = rig.client("mcp-agent").build()) {
            client.initialize();

            CallToolResult echo = client.callTool(call("everything.echo", Map.of("message", "over mcp")));
            assertThat(echo.isError()).as(text(echo)).isFalse();
            assertThat(texts(JSON.valueToTree(echo.structuredContent()))).containsExactly("Echo: over mcp");
            assertThat(echo.meta()).containsEntry("dev.rig/pack", "everything");

            CallToolResult sum = client.callTool(call("everything.get-sum", Map.of("a", 40, "b", 2)));
            assertThat(texts(JSON.valueToTree(sum.structuredContent()))).containsExactly("The sum of 40 and 2 is 42.");

            CallToolResult read = client.callTool(call("files.read_file", Map.of("path",
                    root.resolve("notes.txt").toString(), "head", 1)));
            assertThat(read.isError()).as(text(read)).isFalse();
            assertThat(read.structuredContent()).asInstanceOf(MAP).containsEntry("content", "first line");

            CallToolResult list = client.callTool(call("files.list_directory", Map.of("path",
                    root.resolve("listed").toString())));
            assertThat(list.structuredContent()).asInstanceOf(MAP).extractingByKey("content").asString()
                    .isEqualTo("[FILE] a.txt\n[DIR] sub");

            CallToolResult outside = client.callTool(call("files.list_directory", Map.of("path", "/etc")));
            assertThat(outside.isError()).isTrue();
            assertThat(outside.meta().get("dev.rig/error")).asInstanceOf(MAP).containsEntry("type", "upstream_error");
        }
        assertThat(rig.audit("files.read_file")).extracting(AuditEvent::actor).contains("mcp-agent");
    }

    @Test
    void aStdioServerSeesItsConfiguredEnvironmentAndNotTheGatewaysSecrets() throws IOException {
        Reply env = rgp.call("everything.get-env", Map.of(), "rgp-agent");

        assertThat(env.body().path("ok").asBoolean()).as("%s", env.body()).isTrue();
        JsonNode seen = JSON.readTree(texts(env.body().path("output")).getFirst());
        assertThat(seen.path("EVERYTHING_GREETING").asText()).isEqualTo("from-rig-yaml");
        assertThat(seen.has("PATH")).isTrue();
        assertThat(seen.has(GATEWAY_ONLY)).isFalse();
    }

    @Test
    void aDestructiveWriteThroughRgpWaitsUntilAnotherActorApprovesIt() throws IOException {
        Path file = Files.writeString(root.resolve("rgp-target.txt"), "original\n");

        Reply held = rgp.call("files.write_file", Map.of("path", file.toString(), "content", "replaced\n"), "writer");

        assertThat(held.status()).isEqualTo(200);
        assertThat(held.body().path("error").path("type").asText()).as("%s", held.body()).isEqualTo("approval_required");
        String token = held.body().path("approval").path("token").asText();
        assertThat(token).hasSize(36);
        assertThat(held.body().path("approval").path("risk_class").asText()).isEqualTo("destructive");
        assertThat(held.body().path("approval").path("actor").asText()).isEqualTo("writer");
        assertThat(file).as("nothing ran before the approval").hasContent("original\n");

        Reply self = rgp.approve(token, "writer");
        assertThat(self.status()).as("the requester cannot approve its own call: %s", self.body()).isEqualTo(403);
        assertThat(file).hasContent("original\n");

        Reply approved = rgp.approve(token, "alice");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().path("ok").asBoolean()).as("%s", approved.body()).isTrue();
        assertThat(approved.body().path("output").path("content").asText()).startsWith("Successfully wrote to");
        assertThat(file).hasContent("replaced\n");
        List<AuditEvent> audit = rig.audit("files.write_file").stream()
                .filter(event -> token.equals(event.approvalToken())).toList();
        assertThat(audit).extracting(AuditEvent::outcome, AuditEvent::actor, AuditEvent::approver)
                .containsExactly(tuple(Outcome.OK, "writer", "alice"), tuple(Outcome.APPROVAL_REQUIRED, "writer", null));
        assertThat(rgp.approve(token, "alice").status()).as("an approval runs the call once").isNotEqualTo(200);
    }

    @Test
    void aDestructiveEditThroughMcpWaitsUntilAnotherActorApprovesItOverRgp() throws IOException {
        Path file = Files.writeString(root.resolve("mcp-target.txt"), "colour: red\nsize: 3\n");
        Path moved = Files.createDirectories(root.resolve("archive")).resolve("moved.txt");

        try (McpSyncClient client = rig.client("editing-agent").build()) {
            client.initialize();
            CallToolResult held = client.callTool(call("files.edit_file", Map.of("path", file.toString(),
                    "edits", List.of(Map.of("oldText", "colour: red", "newText", "colour: blue")))));

            assertThat(held.isError()).isTrue();
            assertThat(held.meta().get("dev.rig/error")).asInstanceOf(MAP).containsEntry("type", "approval_required");
            assertThat(held.meta().get("dev.rig/approval")).asInstanceOf(MAP)
                    .containsEntry("tool_name", "files.edit_file").containsEntry("actor", "editing-agent");
            String token = String.valueOf(((Map<?, ?>) held.meta().get("dev.rig/approval")).get("token"));
            assertThat(text(held)).contains("approve token: " + token);
            assertThat(file).hasContent("colour: red\nsize: 3\n");

            Reply approved = rgp.approve(token, "bob");

            assertThat(approved.body().path("ok").asBoolean()).as("%s", approved.body()).isTrue();
            assertThat(approved.body().path("output").path("content").asText()).contains("-colour: red", "+colour: blue");
            assertThat(file).hasContent("colour: blue\nsize: 3\n");

            CallToolResult move = client.callTool(call("files.move_file", Map.of("source", file.toString(),
                    "destination", moved.toString())));
            String moveToken = String.valueOf(((Map<?, ?>) move.meta().get("dev.rig/approval")).get("token"));
            assertThat(file).exists();
            Reply movedReply = rgp.approve(moveToken, "bob");
            assertThat(movedReply.body().path("ok").asBoolean()).as("%s", movedReply.body()).isTrue();
            assertThat(file).doesNotExist();
            assertThat(moved).hasContent("colour: blue\nsize: 3\n");
        }
    }

    @Test
    void aToolThatRunsOnlyAsAnMcpTaskIsPinnedWholeAndBlockedWithTheReason() {
        JsonNode pinned = LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("everything").orElseThrow()
                .tools().get("simulate-research-query").definition();
        assertThat(pinned.path("execution").path("taskSupport").asText())
                .as("fields the SDK does not model are pinned too").isEqualTo("required");

        Reply call = rgp.call("everything.simulate-research-query", Map.of("topic", "x"), "rgp-agent");

        assertThat(call.body().path("error").path("type").asText()).as("%s", call.body()).isEqualTo("policy_blocked");
        assertThat(call.body().path("error").path("message").asText()).contains("MCP task");
        assertThat(rgp.get("/v1/tools").body()).extracting(t -> t.path("name").asText())
                .doesNotContain("everything.simulate-research-query");
    }

    @Test
    void rigLockPinsEveryToolOfBothServersAsServed() {
        Map<String, LockedPack> packs = LockFile.read(dir.resolve("rig.lock")).orElseThrow().packs();

        assertThat(packs).containsOnlyKeys("everything", "files");
        Map<String, JsonNode> listed = StreamSupport.stream(rgp.get("/v1/tools").body().spliterator(), false)
                .collect(Collectors.toMap(t -> t.path("name").asText(), Function.identity()));
        packs.forEach((id, pack) -> {
            assertThat(pack.runtime()).isEqualTo(LockedPack.MCP);
            assertThat(pack.tools()).as(id).isNotEmpty().allSatisfy((name, pin) -> {
                assertThat(pin.enabled()).isTrue();
                assertThat(pin.fingerprint()).isEqualTo(PinnedTool.fingerprintOf(pin.definition()));
                assertThat(pin.definition().path("name").asText()).isEqualTo(name);
                assertThat(pin.definition().path("inputSchema").isObject()).isTrue();
                if (!pin.definition().path("execution").path("taskSupport").asText().equals("required")) {
                    assertThat(listed).as("every pinned tool is served").containsKey(id + "." + name);
                }
            });
        });
        JsonNode write = packs.get("files").tools().get("write_file").definition();
        assertThat(write.path("description").asText()).startsWith("Create a new file or completely overwrite");
        assertThat(write.path("annotations").path("destructiveHint").asBoolean()).isTrue();
        assertThat(packs.get("everything").tools().get("echo").definition().path("title").asText()).isEqualTo("Echo Tool");
        assertThat(packs.get("files").tools()).hasSize((int) listed.keySet().stream()
                .filter(name -> name.startsWith("files.")).count());
    }

    private static List<String> risks(Map<String, JsonNode> tools, String... names) {
        return Arrays.stream(names).map(name -> tools.get(name).path("risk_class").asText()).toList();
    }

    /** The texts of the content blocks of a mounted tool's output ({@code {"content": [...]}}). */
    private static List<String> texts(JsonNode output) {
        return StreamSupport.stream(output.path("content").spliterator(), false)
                .filter(block -> block.has("text")).map(block -> block.path("text").asText()).toList();
    }
}
