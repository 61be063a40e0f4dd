package dev.rig.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which snapshot plays which part ({@code .rig/snapshots/roles.json}): {@code active} serves every call
 * not routed to the canary, {@code canary} (with the share of tenants it gets and the lock that builds
 * it) is on trial, {@code previous} is what a rollback returns to. {@code history} lists the changes,
 * newest last, at most {@link #HISTORY} of them.
 */
public record Roles(String active, String previous, Canary canary, List<Event> history) {

    /** How many role changes are kept. */
    public static final int HISTORY = 200;

    public static final Roles NONE = new Roles(null, null, null, List.of());

    /**
     * A snapshot on trial: {@code snapshot} is its id once a gateway has built it (null until then);
     * {@code percent} of tenants (sticky) are routed to it; {@code lock} is its pack set.
     */
    public record Canary(String snapshot, int percent, LockFile lock, Instant requestedAt, String requestedBy) {

        public Canary {
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(requestedAt, "requestedAt");
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("a canary gets 1 to 100 percent of tenants, not " + percent);
            }
        }

        Canary built(String id) {
            return new Canary(id, percent, lock, requestedAt, requestedBy);
        }
    }

    /**
     * One change of roles: {@code event} is {@code activated} (rig.lock changed: an install, an update
     * applied, an edit), {@code canary_requested}, {@code canary_started}, {@code promoted},
     * {@code rolled_back} (to the previous snapshot) or {@code canary_rolled_back}.
     */
    public record Event(Instant at, String event, String snapshot, String from, String actor, String reason) {

        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(event, "event");
        }

        ObjectNode toJson() {
            return Json.MAPPER.createObjectNode().put("at", at.toString()).put("event", event)
                    .put("snapshot", snapshot).put("from", from).put("actor", actor).put("reason", reason);
        }
    }

    public Roles {
        history = List.copyOf(history.size() > HISTORY ? history.subList(history.size() - HISTORY, history.size())
                : history);
    }

    Roles with(String newActive, String newPrevious, Canary newCanary, Event event) {
        List<Event> events = new ArrayList<>(history);
        if (event != null) {
            events.add(event);
        }
        return new Roles(newActive, newPrevious, newCanary, events);
    }

    /** The JSON form of roles.json. */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("active", active).put("previous", previous);
        if (canary == null) {
            node.putNull("canary");
        } else {
            node.putObject("canary").put("snapshot", canary.snapshot()).put("percent", canary.percent())
                    .put("requested_at", canary.requestedAt().toString()).put("requested_by", canary.requestedBy())
                    .set("lock", canary.lock().toJsonNode());
        }
        ArrayNode events = node.putArray("history");
        history.forEach(e -> events.add(e.toJson()));
        return node;
    }

    /**
     * Reads the JSON form.
     *
     * @throws IllegalArgumentException naming what cannot be used
     */
    public static Roles fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("roles.json holds a JSON object");
        }
        Canary canary = null;
        JsonNode c = node.get("canary");
        if (c != null && !c.isNull()) {
            canary = new Canary(text(c, "snapshot"), c.path("percent").asInt(-1), LockFile.fromJson(c.get("lock")),
                    Instant.parse(Objects.requireNonNull(text(c, "requested_at"), "canary.requested_at")),
                    text(c, "requested_by"));
        }
        List<Event> history = new ArrayList<>();
        for (JsonNode e : node.path("history")) {
            history.add(new Event(Instant.parse(text(e, "at")), text(e, "event"), text(e, "snapshot"), text(e, "from"),
                    text(e, "actor"), text(e, "reason")));
        }
        return new Roles(text(node, "active"), text(node, "previous"), canary, history);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
