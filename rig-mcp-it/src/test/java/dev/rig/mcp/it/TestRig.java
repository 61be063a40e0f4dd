package dev.rig.mcp.it;

import dev.rig.core.Gateway;
import dev.rig.core.audit.AuditEntry;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.registry.PackMounts;
import dev.rig.server.RgpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.InstanceOfAssertFactory;
import org.assertj.core.api.MapAssert;

/**
 * A gateway on a test's own working directory (its {@code rig.yaml}, an fs {@code workspace}),
 * served by {@link RgpServer} on a free port, with MCP at {@code /mcp}; and the small helpers the
 * MCP client tests share.
 */
final class TestRig implements AutoCloseable {

    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
    /** For asserting on the JSON objects of results and {@code _meta}. */
    @SuppressWarnings("rawtypes")
    static final InstanceOfAssertFactory<Map, MapAssert<String, Object>> MAP = InstanceOfAssertFactories.map(
            String.class, Object.class);

    private final Gateway gateway;
    private final RgpServer server;

    private TestRig(Gateway gateway, RgpServer server) {
        this.gateway = gateway;
        this.server = server;
    }

    /** Starts a gateway on {@code dir} with {@code rigYaml} (null: no rig.yaml, the defaults). */
    static TestRig start(Path dir, String rigYaml) {
        return start(dir, rigYaml, PackMounts.NONE);
    }

    /** Starts a gateway as {@link #start(Path, String)} does, its snapshots also holding {@code mounts}' packs. */
    static TestRig start(Path dir, String rigYaml, PackMounts mounts) {
        prepare(dir, rigYaml);
        Gateway gateway = Gateway.open(ConfigLoader.load(dir), mounts);
        try {
            return new TestRig(gateway, RgpServer.start(gateway,
                    gateway.config().server().withHostAndPort("127.0.0.1", 0)));
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    /** Writes {@code rigYaml} (unless null) and creates the fs pack's {@code workspace} in {@code dir}. */
    static Path prepare(Path dir, String rigYaml) {
        try {
            Files.createDirectories(dir.resolve("workspace"));
            if (rigYaml != null) {
                Files.writeString(dir.resolve("rig.yaml"), rigYaml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    Gateway gateway() {
        return gateway;
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return server.baseUrl();
    }

    String mcpUrl() {
        return baseUrl() + "/mcp";
    }

    /** The Java SDK's streamable HTTP transport to this gateway's {@code /mcp}. */
    HttpClientStreamableHttpTransport transport() {
        return HttpClientStreamableHttpTransport.builder(baseUrl()).endpoint("/mcp").build();
    }

    /** A sync client named {@code name} over streamable HTTP, to be built (and closed) by the test. */
    McpClient.SyncSpec client(String name) {
        return client(name, transport());
    }

    static McpClient.SyncSpec client(String name, McpClientTransport transport) {
        return McpClient.sync(transport).clientInfo(McpSchema.Implementation.builder(name, "1.0.0").build())
                .requestTimeout(CLIENT_TIMEOUT).initializationTimeout(CLIENT_TIMEOUT);
    }

    /** The audit events of {@code tool}, newest first. */
    List<AuditEvent> audit(String tool) {
        return audit(gateway, tool);
    }

    static List<AuditEvent> audit(Gateway gateway, String tool) {
        return gateway.queryAudit(new AuditQuery(null, null, null, null, tool, null, null, AuditQuery.MAX_LIMIT,
                null)).entries().stream().map(AuditEntry::event).toList();
    }

    /** A {@code tools/call} of {@code tool} with {@code args}. */
    static McpSchema.CallToolRequest call(String tool, Map<String, Object> args) {
        return McpSchema.CallToolRequest.builder(tool).arguments(args).build();
    }

    /** {@code tools} by name. */
    static Map<String, McpSchema.Tool> byName(List<McpSchema.Tool> tools) {
        return tools.stream().collect(Collectors.toMap(McpSchema.Tool::name, Function.identity()));
    }

    /** The text blocks of {@code result}, joined by newlines. */
    static String text(McpSchema.CallToolResult result) {
        return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            gateway.close();
        }
    }
}
