package dev.rig.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/**
 * Holds back {@code notifications/tools/list_changed} while RIG swaps a snapshot's tools in.
 *
 * <p>The SDK notifies every session once per tool added or removed; a snapshot with 40 changed
 * tools would make each client list its tools 40 times. The transports are wrapped so that those
 * per-tool notices are dropped while {@link #mute muted}, and the swap sends exactly one at the end.
 */
final class ToolListNotices {

    private final AtomicBoolean muted = new AtomicBoolean();

    void mute() {
        muted.set(true);
    }

    void unmute() {
        muted.set(false);
    }

    McpServerTransportProvider wrap(McpServerTransportProvider transport) {
        class Muted extends Delegate implements McpServerTransportProvider {
            Muted() {
                super(transport);
            }

            @Override
            public void setSessionFactory(McpServerSession.Factory factory) {
                transport.setSessionFactory(factory);
            }
        }
        return new Muted();
    }

    McpStreamableServerTransportProvider wrap(McpStreamableServerTransportProvider transport) {
        class Muted extends Delegate implements McpStreamableServerTransportProvider {
            Muted() {
                super(transport);
            }

            @Override
            public void setSessionFactory(McpStreamableServerSession.Factory factory) {
                transport.setSessionFactory(factory);
            }
        }
        return new Muted();
    }

    /** Everything both transport kinds share, passed through except the muted notices. */
    private abstract class Delegate implements McpServerTransportProviderBase {

        private final McpServerTransportProviderBase transport;

        Delegate(McpServerTransportProviderBase transport) {
            this.transport = transport;
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return muted.get() && McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED.equals(method) ? Mono.empty()
                    : transport.notifyClients(method, params);
        }

        @Override
        public Mono<Void> notifyClient(String sessionId, String method, Object params) {
            return transport.notifyClient(sessionId, method, params);
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
}
