package dev.rig.mcp.mount;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport that keeps the JSON of every tool a server lists exactly as it was sent. The
 * SDK's {@code McpSchema.Tool} leaves out fields it does not model (such as {@code execution}), and a
 * pin must cover the whole definition: a change in a field the SDK ignores is still a change.
 */
final class ToolListRecorder implements McpClientTransport {

    private final McpClientTransport transport;
    private final Map<String, Object> tools = new ConcurrentHashMap<>();

    ToolListRecorder(McpClientTransport transport) {
        this.transport = transport;
    }

    /** The tool named {@code name} as the server last listed it, or null. */
    Object tool(String name) {
        return tools.get(name);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        T value = transport.unmarshalFrom(data, type);
        if (value instanceof McpSchema.ListToolsResult && data instanceof Map<?, ?> result
                && result.get("tools") instanceof List<?> listed) {
            for (Object tool : listed) {
                if (tool instanceof Map<?, ?> json && json.get("name") instanceof String name) {
                    tools.put(name, json);
                }
            }
        }
        return value;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return transport.connect(handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        transport.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return transport.sendMessage(message);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return transport.closeGracefully();
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public List<String> protocolVersions() {
        return transport.protocolVersions();
    }
}
