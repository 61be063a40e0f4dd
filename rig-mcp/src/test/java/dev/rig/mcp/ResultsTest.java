package dev.rig.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.api.ApprovalTicket;
import dev.rig.core.api.ToolError;
import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Media;
import dev.rig.spi.RiskClass;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A gateway ToolResult as the MCP client receives it. */
class ResultsTest {

    private static final ApprovalText APPROVALS = new ApprovalText("http://127.0.0.1:8787");

    private static ToolResult ok(Map<String, Object> output) {
        return new ToolResult(true, output, null, "c-1", "p", "1.0.0", "h", "dev", null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(CallToolResult result, String key) {
        return (Map<String, Object>) result.meta().get(key);
    }

    @Test
    void successIsStructuredContentWithTheSameJsonAsTextAndRigMetadata() {
        CallToolResult result = Results.of(ok(Map.of("message", "hi")), APPROVALS);

        assertThat(result.isError()).isFalse();
        assertThat(result.structuredContent()).isEqualTo(Map.of("message", "hi"));
        assertThat(result.content()).singleElement().isInstanceOfSatisfying(McpSchema.TextContent.class,
                text -> assertThat(text.text()).isEqualTo("{\"message\":\"hi\"}"));
        assertThat(result.meta()).containsEntry("dev.rig/correlation_id", "c-1").containsEntry("dev.rig/pack", "p")
                .containsEntry("dev.rig/pack_set_version", "dev");
    }

    @Test
    void imageAndAudioOutputsAlsoBecomeMediaBlocks() {
        Map<String, Object> output = Map.of("picture", Media.of("image/png", new byte[] {1, 2}),
                "clips", List.of(Media.of("audio/wav", new byte[] {3})),
                "document", Media.of("application/pdf", new byte[] {4}));

        CallToolResult result = Results.of(ok(output), APPROVALS);

        assertThat(result.content()).filteredOn(McpSchema.ImageContent.class::isInstance).singleElement()
                .isInstanceOfSatisfying(McpSchema.ImageContent.class, image -> {
                    assertThat(image.mimeType()).isEqualTo("image/png");
                    assertThat(image.data()).isEqualTo("AQI=");
                });
        assertThat(result.content()).filteredOn(McpSchema.AudioContent.class::isInstance).singleElement()
                .isInstanceOfSatisfying(McpSchema.AudioContent.class,
                        audio -> assertThat(audio.mimeType()).isEqualTo("audio/wav"));
        assertThat(result.content()).as("a PDF has no MCP block of its own: it stays in the JSON").hasSize(3);
    }

    @Test
    void aToolErrorIsAnErrorResultWithOneHumanLineAndTheToolErrorInMeta() {
        ToolError error = new ToolError(ErrorType.RATE_LIMITED, "slow down\nplease", true, "429",
                List.of("wait 2 s"), "c-2");
        CallToolResult result = Results.of(new ToolResult(false, null, error, "c-2", "p", "1", "h", "dev", null),
                APPROVALS);

        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                .isEqualTo("rate_limited: slow down please (hint: wait 2 s)");
        assertThat(meta(result, "dev.rig/error")).containsEntry("type", "rate_limited")
                .containsEntry("retryable", true).containsEntry("upstream_code", "429");
        assertThat(result.structuredContent())
                .as("clients check structuredContent against the tool's outputSchema, even on errors").isNull();
    }

    @Test
    void anApprovalRequiredResultSaysWhatWaitsAndHowToApprove() {
        UUID token = UUID.fromString("3f0c5f8e-2a55-4c4f-9d4b-1f2b9a9c0d11");
        ApprovalTicket ticket = new ApprovalTicket(token, "stripe.refunds.create", RiskClass.MONEY,
                Map.of("amount", 500, "card", "[redacted]"), "default", "claude", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(3600));
        ToolError error = new ToolError(ErrorType.APPROVAL_REQUIRED, "needs approval", false, null, List.of(), "c-3");

        CallToolResult result = Results.of(new ToolResult(false, null, error, "c-3", "stripe", "1", "h", "dev",
                ticket), APPROVALS);

        String text = ((McpSchema.TextContent) result.content().getFirst()).text();
        assertThat(result.isError()).isTrue();
        assertThat(text).contains("stripe.refunds.create", "risk: money", "\"card\":\"[redacted]\"",
                "approve token: " + token, "rig approve " + token,
                "http://127.0.0.1:8787/v1/approvals/" + token + ":approve", "rig deny " + token);
        assertThat(meta(result, "dev.rig/error")).containsEntry("type", "approval_required");
        assertThat(meta(result, "dev.rig/approval")).containsEntry("token", token.toString())
                .containsEntry("tool_name", "stripe.refunds.create");
        assertThat(result.structuredContent()).isNull();
    }
}
