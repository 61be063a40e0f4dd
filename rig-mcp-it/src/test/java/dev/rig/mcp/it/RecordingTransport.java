package dev.rig.mcp.it;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An SDK client transport (HTTP or stdio) that remembers the requests the client sent, so a test can
 * send {@code notifications/cancelled} for one of them on the same session (the Java SDK client has
 * no API to cancel a request), and every message the client received, in arrival order (the SDK
 * hands notifications to the consumers asynchronously, so their order there proves nothing).
 */
final class RecordingTransport implements McpClientTransport {

    private final McpClientTransport delegate;
    private final List<McpSchema.JSONRPCRequest> sent = new CopyOnWriteArrayList<>();
    private final List<McpSchema.JSONRPCMessage> received = new CopyOnWriteArrayList<>();

    RecordingTransport(McpClientTransport delegate) {
        this.delegate = delegate;
    }

    /** The JSON-RPC id of the first {@code tools/call} of {@code tool} the client sent. */
    Object requestIdOfCall(String tool) {
        return sent.stream()
                .filter(r -> McpSchema.METHOD_TOOLS_CALL.equals(r.method()))
                .filter(r -> r.params() instanceof McpSchema.CallToolRequest call ? tool.equals(call.name())
                        : r.params() instanceof Map<?, ?> params && tool.equals(params.get("name")))
                .map(McpSchema.JSONRPCRequest::id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the client sent no tools/call of " + tool));
    }

    /** The messages received so far, in the order they arrived. */
    List<McpSchema.JSONRPCMessage> received() {
        return List.copyOf(received);
    }

    /** Sends MCP's {@code notifications/cancelled} for request {@code requestId} on this transport. */
    void cancel(Object requestId, String reason) {
        delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/cancelled",
                Map.of("requestId", requestId, "reason", reason))).block(TestRig.CLIENT_TIMEOUT);
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(inbound -> handler.apply(inbound.doOnNext(received::add)));
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request) {
            sent.add(request);
        }
        return delegate.sendMessage(message);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return delegate.unmarshalFrom(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
