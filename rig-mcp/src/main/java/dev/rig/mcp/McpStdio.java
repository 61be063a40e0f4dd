package dev.rig.mcp;

import dev.rig.core.Gateway;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The gateway's tools as an MCP server on standard input and output ({@code rig mcp}).
 *
 * <p>{@code out} carries JSON-RPC only. {@link #serve} returns when the input ends or breaks, after
 * the calls in flight have answered; the caller then closes the gateway.
 */
public final class McpStdio {

    private McpStdio() {}

    /** Serves until {@code in} ends. */
    public static void serve(Gateway gateway, InputStream in, OutputStream out) throws InterruptedException {
        InFlightCalls inFlight = new InFlightCalls();
        StdioInput input = new StdioInput(in, out, inFlight);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpToolServer.jsonMapper(), input,
                out);
        try (McpToolServer server = McpToolServer.stateful(gateway, transport, inFlight)) {
            input.ended().await();
        }
    }
}
