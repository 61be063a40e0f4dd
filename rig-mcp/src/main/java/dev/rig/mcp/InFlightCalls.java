package dev.rig.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.Cancellation;
import dev.rig.core.json.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tools/call} requests running now, so that MCP's {@code notifications/cancelled} can
 * cancel one.
 *
 * <p>The MCP SDK neither handles that notification nor tells a tool handler its JSON-RPC request
 * id, so the transports show every incoming message to {@link #inspect} first: a
 * {@code tools/call} gets its key ({@code <channel>/<request id>}, the channel being the MCP
 * session, or {@code stdio}) written into {@code params._meta["dev.rig/call"]}, where the handler
 * finds it; a cancellation is carried out here and not passed on. A client cannot forge the key
 * of another session: it is always overwritten.
 */
final class InFlightCalls {

    static final String CALL_KEY = ToolCatalog.META_PREFIX + "call";

    private static final Logger LOG = LoggerFactory.getLogger(InFlightCalls.class);

    /** Cancellations that arrived before their call started (a race the client may win); bounded. */
    private static final int MAX_EARLY = 1000;

    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
    private final Map<String, String> early = new ConcurrentHashMap<>();

    /**
     * Looks at one incoming JSON-RPC message from {@code channel}.
     *
     * @return the message to pass on (rewritten for a {@code tools/call}), or null when it was a
     *     cancellation, handled here
     */
    String inspect(String message, String channel) {
        if (!message.contains("tools/call") && !message.contains("notifications/cancelled")) {
            return message;
        }
        JsonNode node;
        try {
            node = Json.parse(message);
        } catch (Exception e) {
            return message; // not JSON: the SDK answers with a parse error
        }
        return inspect(node, message, channel);
    }

    /** As {@link #inspect(String, String)}, for a message its transport has already parsed into {@code node}. */
    String inspect(JsonNode node, String message, String channel) {
        if (!(node instanceof ObjectNode object) || !object.path("method").isTextual()) {
            return message;
        }
        String method = object.get("method").asText();
        if ("notifications/cancelled".equals(method)) {
            JsonNode params = object.path("params");
            JsonNode requestId = params.path("requestId");
            if (!requestId.isMissingNode()) {
                cancel(channel + "/" + requestId, params.path("reason").isTextual()
                        ? params.get("reason").asText() : null);
            }
            return null;
        }
        if ("tools/call".equals(method) && object.has("id") && object.get("params") instanceof ObjectNode params) {
            JsonNode meta = params.get("_meta");
            ObjectNode metaObject = meta instanceof ObjectNode existing ? existing : params.putObject("_meta");
            metaObject.put(CALL_KEY, channel + "/" + object.get("id"));
            return Json.write(object);
        }
        return message;
    }

    /** Registers the call under {@code key} (null: not cancellable) while it runs. */
    Cancellation start(String key) {
        Cancellation cancellation = new Cancellation();
        if (key != null) {
            running.put(key, cancellation);
            String reason = early.remove(key);
            if (reason != null) {
                cancellation.cancel(reason);
            }
        }
        return cancellation;
    }

    void finish(String key) {
        if (key != null) {
            running.remove(key);
        }
    }

    private void cancel(String key, String reason) {
        String why = reason == null ? "cancelled by the MCP client" : "cancelled by the MCP client: " + reason;
        Cancellation cancellation = running.get(key);
        if (cancellation == null) {
            LOG.atDebug().setMessage("cancellation for a call not running (yet)").addKeyValue("call", key).log();
            if (early.size() >= MAX_EARLY) {
                early.clear();
            }
            early.put(key, why);
            return;
        }
        LOG.atInfo().setMessage("call cancelled by the MCP client").addKeyValue("call", key).log();
        cancellation.cancel(why);
    }
}
