package dev.rig.mcp;

import dev.rig.spi.CallReporter;
import dev.rig.spi.LogLevel;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller in an MCP session (stdio or streamable HTTP): progress and log notifications go to the
 * session, in order, before the call's answer; elicitation is used when the client declared it.
 */
final class SessionCaller implements Caller {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCaller.class);
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(5);

    private final McpAsyncServerExchange exchange;
    private final String tenant;
    private final Duration elicitTimeout;

    SessionCaller(McpAsyncServerExchange exchange, String tenant, Duration elicitTimeout) {
        this.exchange = exchange;
        this.tenant = tenant;
        this.elicitTimeout = elicitTimeout;
    }

    @Override
    public String actor() {
        McpSchema.Implementation client = exchange.getClientInfo();
        return client == null || client.name() == null || client.name().isBlank() ? "mcp-client" : client.name();
    }

    @Override
    public String tenant() {
        return tenant;
    }

    @Override
    public CallReporter reporter(Object progressToken) {
        return new CallReporter() {
            @Override
            public void progress(double done, Double total, String message) {
                if (progressToken != null) {
                    send(exchange.progressNotification(
                            new McpSchema.ProgressNotification(progressToken, done, total, message)), "progress");
                }
            }

            @Override
            public void log(LogLevel level, String message) {
                send(exchange.loggingNotification(new McpSchema.LoggingMessageNotification(
                        McpSchema.LoggingLevel.valueOf(level.name()), "rig", message)), "log");
            }
        };
    }

    private void send(reactor.core.publisher.Mono<Void> notification, String what) {
        try {
            notification.block(NOTIFY_TIMEOUT);
        } catch (RuntimeException e) { // a client that went away must not fail the call
            LOG.atDebug().setMessage("could not send a notification").addKeyValue("kind", what)
                    .addKeyValue("session", exchange.sessionId()).setCause(e).log();
        }
    }

    @Override
    public Optional<McpSchema.ElicitResult> elicit(String message, Map<String, Object> schema) {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        if (capabilities == null || capabilities.elicitation() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(exchange.createElicitation(McpSchema.ElicitFormRequest
                .builder(message, schema).build()).block(elicitTimeout));
    }
}
