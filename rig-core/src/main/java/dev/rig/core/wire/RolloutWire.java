package dev.rig.core.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.config.CanarySettings;
import dev.rig.core.snapshot.CanaryWatch;
import dev.rig.core.snapshot.Roles;
import dev.rig.core.snapshot.Routing;
import dev.rig.core.snapshot.SnapshotRecord;
import dev.rig.core.snapshot.SnapshotStore;
import dev.rig.core.snapshot.WindowStats;
import java.util.List;

/**
 * The {@code roles} and {@code history} that {@code GET /v1/snapshot} adds to the active snapshot: which
 * snapshot is active, canary (with its share of tenants and the metrics of both sides) and previous.
 */
public final class RolloutWire {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int HISTORY_SHOWN = 20;

    private RolloutWire() {}

    /** Adds {@code roles} and {@code history} to {@code node}. */
    public static ObjectNode addTo(ObjectNode node, Routing routing, Roles roles, SnapshotStore store,
                                   CanarySettings settings) {
        ObjectNode rolesNode = node.putObject("roles");
        rolesNode.set("active", summary(store, routing.active().id()));
        if (routing.canary() == null) {
            rolesNode.putNull("canary");
        } else {
            ObjectNode canary = summary(store, routing.canary().id());
            canary.put("percent", routing.basisPoints() / 100);
            if (roles.canary() != null) {
                canary.put("requested_at", roles.canary().requestedAt().toString())
                        .put("requested_by", roles.canary().requestedBy());
            }
            canary.set("metrics", metrics(routing.watch().metrics(), settings));
            rolesNode.set("canary", canary);
        }
        rolesNode.set("previous", roles.previous() == null ? NODES.nullNode() : summary(store, roles.previous()));
        ArrayNode history = node.putArray("history");
        List<Roles.Event> events = roles.history();
        for (Roles.Event e : events.subList(Math.max(0, events.size() - HISTORY_SHOWN), events.size())) {
            history.addObject().put("at", e.at().toString()).put("event", e.event()).put("snapshot", e.snapshot())
                    .put("from", e.from()).put("actor", e.actor()).put("reason", e.reason());
        }
        return node;
    }

    private static ObjectNode summary(SnapshotStore store, String id) {
        return store.find(id).map(SnapshotRecord::summaryJson).orElseGet(() -> NODES.objectNode().put("id", id));
    }

    private static ObjectNode metrics(CanaryWatch.Metrics metrics, CanarySettings settings) {
        ObjectNode node = NODES.objectNode();
        node.put("started_at", metrics.startedAt().toString()).put("window_seconds", settings.window().toSeconds())
                .put("min_calls", settings.minCalls()).put("max_error_ratio", settings.errorRatio())
                .put("max_latency_ratio", settings.latencyRatio()).put("failed", metrics.failed());
        node.set("active", side(metrics.active()));
        node.set("canary", side(metrics.canary()));
        return node;
    }

    private static ObjectNode side(CanaryWatch.Side side) {
        WindowStats w = side.window();
        return NODES.objectNode().put("snapshot", side.snapshot()).put("calls", w.calls()).put("errors", w.errors())
                .put("error_rate", w.errorRate()).put("approval_required_rate", w.approvalRate())
                .put("p50_ms", w.p50Nanos() / 1e6).put("p95_ms", w.p95Nanos() / 1e6)
                .put("calls_since_start", side.callsSinceStart()).put("retry_rate", side.retryRate());
    }
}
