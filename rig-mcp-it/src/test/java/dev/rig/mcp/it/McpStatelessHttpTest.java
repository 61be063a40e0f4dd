package dev.rig.mcp.it;

import static dev.rig.mcp.it.TestRig.byName;
import static dev.rig.mcp.it.TestRig.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.audit.Outcome;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcp.stateless: true}: the SDK's streamable HTTP client works without any MCP session. */
class McpStatelessHttpTest {

    @TempDir
    Path dir;

    @Test
    void theStreamableClientInitializesListsAndCallsWithoutASession() {
        List<HttpHeaders> sent = new CopyOnWriteArrayList<>();
        try (TestRig rig = TestRig.start(dir, "mcp: {stateless: true}\n")) {
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(rig.baseUrl())
                    .endpoint("/mcp")
                    .addHttpRequestCustomizer((request, method, uri, body, context) ->
                            sent.add(request.copy().build().headers()))
                    .build();
            try (McpSyncClient client = TestRig.client("stateless-agent", transport).build()) {
                McpSchema.InitializeResult init = client.initialize();
                assertThat(init.serverInfo().name()).isEqualTo("rig");
                assertThat(init.capabilities().tools()).isNotNull();

                assertThat(byName(client.listTools().tools())).containsKeys("echo", "fs.read_file");
                McpSchema.CallToolResult echo = client.callTool(call("echo", Map.of("message", "no session")));

                assertThat(echo.isError()).isFalse();
                assertThat(echo.structuredContent()).isEqualTo(Map.of("message", "no session", "tenant_id", "default"));
                assertThat(echo.meta()).containsKey("dev.rig/correlation_id");
            }
            assertThat(sent).as("requests the client sent").hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(headers -> assertThat(headers.firstValue("Mcp-Session-Id"))
                            .as("no session id was issued or needed").isEmpty());
            assertThat(rig.audit("echo")).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(Outcome.OK);
                assertThat(event.actor()).as("no session, so no client name: the generic actor")
                        .isEqualTo("mcp-client");
            });
        }
    }
}
