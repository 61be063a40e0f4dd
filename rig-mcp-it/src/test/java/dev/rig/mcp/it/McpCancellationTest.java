package dev.rig.mcp.it;

import static dev.rig.mcp.it.TestRig.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rig.core.audit.Outcome;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * MCP's {@code notifications/cancelled} over streamable HTTP stops a running call. The Java SDK
 * client cannot cancel a request itself, so the notification is sent on the client's own
 * transport (same session) and the client's subscription to the call is dropped.
 */
class McpCancellationTest {

    @TempDir
    Path dir;

    @Test
    void aCancelledCallStopsIsAuditedAsCancelledAndTheSessionGoesOn() {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (TestRig rig = TestRig.start(dir, null)) {
            RecordingTransport transport = new RecordingTransport(rig.transport());
            McpAsyncClient client = McpClient.async(transport)
                    .clientInfo(McpSchema.Implementation.builder("impatient-agent", "1.0.0").build())
                    .requestTimeout(TestRig.CLIENT_TIMEOUT)
                    .progressConsumer(notification -> Mono.fromRunnable(() -> progress.add(notification)))
                    .build();
            try {
                client.initialize().block(TestRig.CLIENT_TIMEOUT);
                Disposable slow = client.callTool(CallToolRequest.builder("test_slow")
                        .arguments(Map.of("seconds", 30)).progressToken("slow-1").build()).subscribe(r -> { }, e -> { });
                await().atMost(Duration.ofSeconds(10)).until(() -> !progress.isEmpty()); // it is running

                transport.cancel(transport.requestIdOfCall("test_slow"), "the user pressed stop");
                slow.dispose();

                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rig.audit("test_slow"))
                        .singleElement().satisfies(event -> {
                            assertThat(event.outcome()).isEqualTo(Outcome.CANCELLED);
                            assertThat(event.actor()).isEqualTo("impatient-agent");
                            assertThat(event.durationMs()).isLessThan(10_000);
                        }));
                int seen = progress.size();
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                        .until(() -> progress.size() == seen); // the tool stopped reporting: it stopped

                McpSchema.CallToolResult echo = client.callTool(call("echo", Map.of("message", "after cancel")))
                        .block(TestRig.CLIENT_TIMEOUT);
                assertThat(echo.isError()).isFalse();
                assertThat(rig.audit("echo")).singleElement()
                        .satisfies(event -> assertThat(event.outcome()).isEqualTo(Outcome.OK));
            } finally {
                client.close();
            }
        }
    }
}
