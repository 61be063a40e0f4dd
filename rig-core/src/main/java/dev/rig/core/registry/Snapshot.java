package dev.rig.core.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One immutable catalog of tools: what every call started on it sees from start to end.
 *
 * <p>{@code interfaceHash} is the sha256 of the RFC 8785 canonical JSON of the tools sorted by
 * name, each as its name and three schemas. {@code problems} lists the packs and tools skipped
 * while building it.
 */
public record Snapshot(
        String id,
        Instant createdAt,
        String interfaceHash,
        String packSetVersion,
        SortedMap<String, RegisteredTool> tools,
        List<PackInfo> packs,
        List<PackProblem> problems) {

    public Snapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(interfaceHash, "interfaceHash");
        Objects.requireNonNull(packSetVersion, "packSetVersion");
        tools = Collections.unmodifiableSortedMap(new TreeMap<>(tools));
        packs = List.copyOf(packs);
        problems = List.copyOf(problems);
    }

    /** This snapshot under another id (the content id a snapshot record gives it). */
    public Snapshot withId(String newId) {
        return new Snapshot(newId, createdAt, interfaceHash, packSetVersion, tools, packs, problems);
    }

    public Optional<RegisteredTool> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** How many tools pack {@code packId} contributes. */
    public long toolCount(String packId) {
        return tools.values().stream().filter(t -> t.pack().id().equals(packId)).count();
    }
}
