package dev.rig.mcp;

import dev.rig.core.Gateway;
import dev.rig.core.config.McpSettings;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gateway's tools over MCP streamable HTTP (or stateless HTTP when {@code mcp.stateless}), as a
 * servlet the RGP server mounts at {@link #PATH} on its own port.
 *
 * <p>{@code Origin} and {@code Host} are checked against {@code mcp.allowed_origins} and
 * {@code mcp.allowed_hosts} (DNS rebinding protection: by default only this machine's names pass).
 * {@code X-RIG-Tenant-ID} selects the tenant as on RGP.
 */
public final class McpHttp implements AutoCloseable {

    public static final String PATH = "/mcp";
    private static final String TENANT_HEADER = "X-RIG-Tenant-ID";
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private final McpToolServer server;
    private final HttpServlet servlet;

    private McpHttp(McpToolServer server, HttpServlet servlet) {
        this.server = server;
        this.servlet = servlet;
    }

    /**
     * The MCP endpoint for {@code gateway}, accepting bodies up to {@code maxBodyBytes};
     * {@code rgpUrl} tells where the RGP API listens (for approval instructions), asked when needed.
     */
    public static McpHttp create(Gateway gateway, long maxBodyBytes, Supplier<String> rgpUrl) {
        McpSettings settings = gateway.config().mcp();
        // Checked once per request by McpEndpoint, the only way to the SDK's servlet (not again by the SDK).
        ServerTransportSecurityValidator security = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(settings.allowedOrigins()).allowedHosts(settings.allowedHosts()).build();
        McpTransportContextExtractor<HttpServletRequest> context = McpHttp::context;
        int maxBody = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
        InFlightCalls inFlight = new InFlightCalls();
        if (settings.stateless()) {
            HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                    .jsonMapper(McpToolServer.jsonMapper()).messageEndpoint(PATH).contextExtractor(context)
                    .securityValidator(ServerTransportSecurityValidator.NOOP).maxRequestSize(maxBody).build();
            McpToolServer server = McpToolServer.stateless(gateway, transport, rgpUrl, inFlight);
            return new McpHttp(server, new McpEndpoint(transport, security, inFlight, maxBody, true));
        }
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider
                .builder().jsonMapper(McpToolServer.jsonMapper()).mcpEndpoint(PATH).contextExtractor(context)
                .securityValidator(ServerTransportSecurityValidator.NOOP).maxRequestSize(maxBody)
                .keepAliveInterval(KEEP_ALIVE).build();
        McpToolServer server = McpToolServer.stateful(gateway, transport, rgpUrl, inFlight);
        return new McpHttp(server, new McpEndpoint(transport, security, inFlight, maxBody, false));
    }

    private static McpTransportContext context(HttpServletRequest request) {
        String tenant = request.getHeader(TENANT_HEADER);
        return tenant == null || tenant.isBlank() ? McpTransportContext.EMPTY
                : McpTransportContext.create(Map.of(McpToolServer.TENANT, tenant));
    }

    /** The servlet to mount at {@link #PATH} (async supported). */
    public HttpServlet servlet() {
        return servlet;
    }

    /** Closes the MCP sessions; the gateway stays open. */
    @Override
    public void close() {
        server.close();
    }
}
