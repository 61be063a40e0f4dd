package dev.rig.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.CanonicalJson;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedJar;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.registry.PackInfo;
import dev.rig.core.registry.RegisteredTool;
import dev.rig.core.registry.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A snapshot as history keeps it: which packs (id, version, the sha256 of every jar), the tools they
 * served (RTP ToolDef JSON, for {@code rig diff}), and the lock that rebuilds it (for a rollback).
 *
 * <p>The {@code id} is the content's: the first 12 hex digits of the sha256 of the interface hash, the
 * pack set version and each pack's id, version, integrity and held-back tools. Building the same packs again gives the
 * same id, so a restart does not add history, and a rollback returns to the very id it left.
 */
public record SnapshotRecord(String id, Instant createdAt, String interfaceHash, String packSetVersion,
                             List<PackRef> packs, SortedMap<String, JsonNode> tools, LockFile lock) {

    /**
     * One pack of a snapshot; {@code integrity} and {@code jars} are empty for packs not in rig.lock (class
     * path, bundled); {@code heldBack} are its tools an update brought that are not enabled yet.
     */
    public record PackRef(String id, String version, String runtime, String source, String integrity,
                          SortedMap<String, String> jars, SortedSet<String> heldBack) {

        public PackRef {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
            jars = Collections.unmodifiableSortedMap(new TreeMap<>(jars == null ? Map.of() : jars));
            heldBack = Collections.unmodifiableSortedSet(new TreeSet<>(heldBack == null ? Set.of() : heldBack));
        }
    }

    public SnapshotRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(interfaceHash, "interfaceHash");
        Objects.requireNonNull(packSetVersion, "packSetVersion");
        packs = List.copyOf(packs);
        tools = Collections.unmodifiableSortedMap(new TreeMap<>(tools));
        Objects.requireNonNull(lock, "lock");
    }

    /** The record of {@code snapshot}, built from {@code lock} (an empty lock when the workspace has none). */
    public static SnapshotRecord of(Snapshot snapshot, LockFile lock, Instant now) {
        List<PackRef> packs = new ArrayList<>();
        for (PackInfo info : snapshot.packs()) {
            LockedPack locked = lock.pack(info.id()).filter(p -> p.version().equals(info.version())).orElse(null);
            TreeMap<String, String> jars = new TreeMap<>();
            if (locked != null) {
                for (LockedJar jar : locked.jars()) {
                    jars.put(jar.file(), jar.sha256());
                }
            }
            packs.add(new PackRef(info.id(), info.version(), locked == null ? null : locked.runtime(),
                    info.source(), locked == null ? null : locked.integrity(), jars,
                    locked == null ? null : locked.disabledTools()));
        }
        TreeMap<String, JsonNode> tools = new TreeMap<>();
        for (RegisteredTool tool : snapshot.tools().values()) {
            if (tool.plan().allowed()) {
                tools.put(tool.name(), tool.wire());
            }
        }
        return new SnapshotRecord(idOf(snapshot.interfaceHash(), snapshot.packSetVersion(), packs), now,
                snapshot.interfaceHash(), snapshot.packSetVersion(), packs, tools, lock);
    }

    /** The content id of a snapshot of {@code packs} serving tools whose interface hash is {@code interfaceHash}. */
    public static String idOf(String interfaceHash, String packSetVersion, List<PackRef> packs) {
        ObjectNode identity = Json.MAPPER.createObjectNode();
        identity.put("interface_hash", interfaceHash).put("pack_set_version", packSetVersion);
        ArrayNode list = identity.putArray("packs");
        packs.stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(p -> {
            ObjectNode pack = list.addObject().put("id", p.id()).put("version", p.version())
                    .put("integrity", p.integrity() == null ? p.source() : p.integrity());
            if (!p.heldBack().isEmpty()) {
                p.heldBack().forEach(pack.putArray("held_back")::add); // other tools served: another snapshot
            }
        });
        return CanonicalJson.sha256(identity).substring(0, 12);
    }

    /** {@code id version} of each pack, for a line of text. */
    public String packSummary() {
        return String.join(", ", packs.stream().map(p -> p.id() + " " + p.version()).toList());
    }

    /** The JSON form stored in {@code .rig/snapshots/<id>.json}. */
    public ObjectNode toJson() {
        ObjectNode node = summaryJson();
        ObjectNode toolsNode = node.putObject("tools");
        tools.forEach(toolsNode::set);
        node.set("lock", lock.toJsonNode());
        return node;
    }

    /** id, created_at, interface_hash, pack_set_version and packs (with jar sha256s), without tools and lock. */
    public ObjectNode summaryJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", id).put("created_at", createdAt.toString()).put("interface_hash", interfaceHash)
                .put("pack_set_version", packSetVersion).put("tool_count", tools.size());
        ArrayNode list = node.putArray("packs");
        for (PackRef pack : packs) {
            ObjectNode p = list.addObject().put("id", pack.id()).put("version", pack.version())
                    .put("runtime", pack.runtime()).put("source", pack.source()).put("integrity", pack.integrity());
            ObjectNode jars = p.putObject("jars");
            pack.jars().forEach(jars::put);
            if (!pack.heldBack().isEmpty()) {
                pack.heldBack().forEach(p.putArray("held_back")::add);
            }
        }
        return node;
    }

    /**
     * Reads the JSON form.
     *
     * @throws IllegalArgumentException naming the field that cannot be used
     */
    public static SnapshotRecord fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a snapshot record is a JSON object");
        }
        List<PackRef> packs = new ArrayList<>();
        for (JsonNode pack : node.path("packs")) {
            TreeMap<String, String> jars = new TreeMap<>();
            pack.path("jars").fields().forEachRemaining(e -> jars.put(e.getKey(), e.getValue().asText()));
            TreeSet<String> heldBack = new TreeSet<>();
            pack.path("held_back").forEach(t -> heldBack.add(t.asText()));
            packs.add(new PackRef(text(pack, "id"), text(pack, "version"), text(pack, "runtime"),
                    text(pack, "source"), text(pack, "integrity"), jars, heldBack));
        }
        TreeMap<String, JsonNode> tools = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("tools").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tool = it.next();
            tools.put(tool.getKey(), tool.getValue());
        }
        String created = text(node, "created_at");
        return new SnapshotRecord(text(node, "id"), created == null ? null : Instant.parse(created),
                text(node, "interface_hash"), text(node, "pack_set_version"), packs, tools,
                LockFile.fromJson(node.get("lock")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
