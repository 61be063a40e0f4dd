package dev.rig.mcp.it;

import static dev.rig.mcp.it.TestRig.MAP;
import static dev.rig.mcp.it.TestRig.call;
import static dev.rig.mcp.it.TestRig.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolResult;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.Outcome;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destructive call over MCP waits for a human: by default the client is told how to approve it;
 * with {@code mcp.approvals: elicitation} a client that supports elicitation asks its user.
 */
class McpApprovalTest {

    private static final Pattern APPROVE_COMMAND = Pattern.compile("rig approve ([0-9a-f-]{36})");
    private static final String ELICITATION = "mcp: {approvals: elicitation}\n";

    @TempDir
    Path dir;

    private Path doomed;

    @BeforeEach
    void aFileToDelete() throws Exception {
        doomed = Files.createDirectories(dir.resolve("workspace")).resolve("doomed.txt");
        Files.writeString(doomed, "delete me");
    }

    @Test
    void aDestructiveCallIsHeldWithInstructionsAndRunsOnceWhenAHumanApproves() {
        try (TestRig rig = TestRig.start(dir, null); McpSyncClient client = rig.client("deleting-agent").build()) {
            client.initialize();
            CallToolResult held = client.callTool(call("fs.delete_file", Map.of("path", "doomed.txt")));

            assertThat(held.isError()).isTrue();
            Matcher command = APPROVE_COMMAND.matcher(text(held));
            assertThat(command.find()).as("the text says `rig approve <token>`: %s", text(held)).isTrue();
            String token = command.group(1);
            assertThat(text(held)).contains("approve token: " + token).contains("rig deny " + token)
                    .as("the curl line names the port the server listens on")
                    .contains(rig.baseUrl() + "/v1/approvals/" + token + ":approve");
            assertThat(held.structuredContent()).isNull();
            assertThat(held.meta().get("dev.rig/error")).asInstanceOf(MAP)
                    .containsEntry("type", "approval_required");
            assertThat(held.meta().get("dev.rig/approval")).asInstanceOf(MAP).containsEntry("token", token)
                    .containsEntry("tool_name", "fs.delete_file").containsEntry("actor", "deleting-agent");
            assertThat(doomed).as("nothing ran before the approval").exists();

            ToolResult approved = rig.gateway().approve(UUID.fromString(token), "alice");

            assertThat(approved.ok()).isTrue();
            assertThat(approved.output()).containsEntry("deleted", true);
            assertThat(doomed).doesNotExist();
            assertThatThrownBy(() -> rig.gateway().approve(UUID.fromString(token), "alice"))
                    .as("an approval runs the call once").isInstanceOf(RigException.class)
                    .hasMessageContaining("already approved by alice");
            List<AuditEvent> audit = rig.audit("fs.delete_file");
            assertThat(audit).extracting(AuditEvent::outcome)
                    .containsExactly(Outcome.OK, Outcome.APPROVAL_REQUIRED);
            assertThat(audit).allSatisfy(event -> {
                assertThat(event.approvalToken()).isEqualTo(token);
                assertThat(event.actor()).isEqualTo("deleting-agent");
                assertThat(event.runId()).isEqualTo(audit.getLast().runId());
            });
            assertThat(audit.getFirst().approver()).isEqualTo("alice");
        }
    }

    @Test
    void withElicitationTheUserApprovesInTheClientAndTheCallRuns() {
        List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
        try (TestRig rig = TestRig.start(dir, ELICITATION);
             McpSyncClient client = rig.client("asking-agent")
                     .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                     .elicitation(request -> {
                         asked.add(request);
                         return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("approve", true));
                     })
                     .build()) {
            client.initialize();
            CallToolResult result = client.callTool(call("fs.delete_file", Map.of("path", "doomed.txt")));

            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(result.structuredContent()).isEqualTo(Map.of("path", "doomed.txt", "deleted", true));
            assertThat(doomed).doesNotExist();
            assertThat(asked).singleElement().satisfies(question -> {
                assertThat(question.message()).contains("fs.delete_file").contains("doomed.txt");
                assertThat(question.requestedSchema().get("properties")).asInstanceOf(MAP).containsKey("approve");
            });

            List<AuditEvent> audit = rig.audit("fs.delete_file");
            assertThat(audit).extracting(AuditEvent::outcome).containsExactly(Outcome.OK, Outcome.APPROVAL_REQUIRED);
            String token = audit.getFirst().approvalToken();
            assertThat(token).isNotNull().isEqualTo(audit.getLast().approvalToken());
            assertThat(audit.getFirst().approver()).as("the run is audited with its approver")
                    .isEqualTo("user of asking-agent (MCP elicitation)");
            assertThat(audit.getFirst().actor()).as("and its requester").isEqualTo("asking-agent");
            assertThatThrownBy(() -> rig.gateway().deny(UUID.fromString(token), "bob"))
                    .isInstanceOf(RigException.class)
                    .hasMessageContaining("already approved by user of asking-agent (MCP elicitation)");
        }
    }

    @Test
    void whenTheUserDeclinesNothingRunsAndTheApprovalIsDenied() {
        try (TestRig rig = TestRig.start(dir, ELICITATION);
             McpSyncClient client = rig.client("asking-agent")
                     .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                     .elicitation(request -> new ElicitResult(ElicitResult.Action.DECLINE, null))
                     .build()) {
            client.initialize();
            CallToolResult result = client.callTool(call("fs.delete_file", Map.of("path", "doomed.txt")));

            assertThat(result.isError()).isTrue();
            assertThat(text(result)).contains("did not approve").contains("nothing ran");
            assertThat(result.meta().get("dev.rig/error")).asInstanceOf(MAP)
                    .containsEntry("type", "permission_error");
            assertThat(doomed).exists();
            assertThat(rig.audit("fs.delete_file")).extracting(AuditEvent::outcome, AuditEvent::approver)
                    .containsExactly(tuple(Outcome.APPROVAL_DENIED,
                                    "user of asking-agent (MCP elicitation)"),
                            tuple(Outcome.APPROVAL_REQUIRED, null));
            assertThat(rig.gateway().pendingApprovals(null)).isEmpty();
        }
    }

    @Test
    void aClientWithoutElicitationGetsTheApprovalMessageInElicitationMode() {
        try (TestRig rig = TestRig.start(dir, ELICITATION);
             McpSyncClient client = rig.client("plain-agent").build()) {
            client.initialize();
            CallToolResult held = client.callTool(call("fs.delete_file", Map.of("path", "doomed.txt")));

            assertThat(held.isError()).isTrue();
            Matcher command = APPROVE_COMMAND.matcher(text(held));
            assertThat(command.find()).as(text(held)).isTrue();
            assertThat(doomed).exists();
            assertThat(rig.gateway().pendingApprovals(null)).singleElement()
                    .satisfies(ticket -> assertThat(ticket.token().toString()).isEqualTo(command.group(1)));
        }
    }
}
