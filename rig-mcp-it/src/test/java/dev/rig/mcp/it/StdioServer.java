package dev.rig.mcp.it;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@link StdioServerMain} (RIG's stdio MCP server on a working directory) as a separate process,
 * started by the Java SDK's {@link StdioClientTransport} with this JVM and this module's class path.
 */
final class StdioServer {

    private StdioServer() {}

    /** A transport that starts the server on {@code dir}; the server's stderr lines go to {@code stderr}. */
    static StdioClientTransport transport(Path dir, McpJsonMapper mapper, Consumer<String> stderr) {
        String java = ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell this JVM's java binary"));
        ServerParameters parameters = ServerParameters.builder(java)
                .args("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        StdioServerMain.class.getName(), dir.toString())
                .build();
        StdioClientTransport transport = new StdioClientTransport(parameters, mapper);
        transport.setStdErrorHandler(stderr);
        return transport;
    }

    /**
     * The server process of a connected {@code transport}. The SDK keeps it private and, on close,
     * only sends SIGTERM; a test that closes the server's stdin (what an MCP host should do first)
     * needs the process itself.
     */
    static Process process(StdioClientTransport transport) {
        try {
            Field field = StdioClientTransport.class.getDeclaredField("process");
            field.setAccessible(true);
            return (Process) field.get(transport);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this SDK version keeps its process elsewhere", e);
        }
    }
}
