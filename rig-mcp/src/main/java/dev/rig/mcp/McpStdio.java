package dev.rig.mcp;

import dev.rig.core.Gateway;
import dev.rig.core.config.RigConfig;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's tools as an MCP server on standard input and output ({@code rig mcp}).
 *
 * <p>{@code out} carries JSON-RPC only. {@link #serve} returns when the input ends or breaks; the
 * caller then closes the gateway.
 */
public final class McpStdio {

    private McpStdio() {}

    /** Serves the open {@code gateway} until {@code in} ends. */
    public static void serve(Gateway gateway, InputStream in, OutputStream out) throws InterruptedException {
        serve(CompletableFuture.completedFuture(gateway), gateway.config(), in, out);
    }

    /**
     * Serves a gateway that is still opening (on another thread) until {@code in} ends: the MCP
     * handshake is answered at once, requests about tools wait for {@code gateway}. The client thus
     * meets a server within the JVM's start-up, not the gateway's.
     */
    public static void serve(CompletableFuture<Gateway> gateway, RigConfig config, InputStream in, OutputStream out)
            throws InterruptedException {
        InFlightCalls inFlight = new InFlightCalls();
        CompletableFuture<Void> toolsServed = new CompletableFuture<>();
        StdioInput input = new StdioInput(in, out, inFlight, toolsServed);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpToolServer.jsonMapper(), input,
                out);
        try (McpToolServer server = McpToolServer.stateful(gateway, config, transport, inFlight)) {
            server.ready().whenComplete((done, failure) -> toolsServed.complete(null));
            input.ended().await();
        }
    }
}
