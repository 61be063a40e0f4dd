package dev.rig.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedJar;
import dev.rig.core.lock.LockedPack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A snapshot's content id and its stored form. */
class SnapshotRecordTest {

    private static final String HASH = "a".repeat(64);

    private static SnapshotRecord.PackRef pack(String version, String integrity, Set<String> heldBack) {
        return new SnapshotRecord.PackRef("stripe", version, "java", "central", integrity,
                new TreeMap<>(Map.of("stripe.jar", "b".repeat(64))), new TreeSet<>(heldBack));
    }

    @Test
    void theIdFollowsTheContentAndNothingElse() {
        String id = SnapshotRecord.idOf(HASH, "prod", List.of(pack("1.0", "sha256-x", Set.of())));
        assertThat(id).hasSize(12).matches("[0-9a-f]{12}");
        assertThat(SnapshotRecord.idOf(HASH, "prod", List.of(pack("1.0", "sha256-x", Set.of())))).isEqualTo(id);
        assertThat(SnapshotRecord.idOf(HASH, "prod", List.of(pack("1.1", "sha256-x", Set.of())))).isNotEqualTo(id);
        assertThat(SnapshotRecord.idOf(HASH, "prod", List.of(pack("1.0", "sha256-y", Set.of())))).as("other jars")
                .isNotEqualTo(id);
        assertThat(SnapshotRecord.idOf(HASH, "dev", List.of(pack("1.0", "sha256-x", Set.of())))).isNotEqualTo(id);
        assertThat(SnapshotRecord.idOf("c".repeat(64), "prod", List.of(pack("1.0", "sha256-x", Set.of()))))
                .isNotEqualTo(id);
        assertThat(SnapshotRecord.idOf(HASH, "prod", List.of(pack("1.0", "sha256-x", Set.of("stripe.refunds")))))
                .as("a held-back tool serves another tool set").isNotEqualTo(id);
    }

    @Test
    void theStoredFormReadsBackToTheSameRecord() throws Exception {
        LockedPack locked = LockedPack.of("stripe", "dev.rig:rig-pack-stripe", "1.0", Instant.parse("2026-11-25T10:00:00Z"),
                "central", List.of(new LockedJar("stripe.jar", "dev.rig:rig-pack-stripe:1.0", 10, "b".repeat(64))))
                .withDisabledTools(Set.of("stripe.refunds"));
        LockFile lock = LockFile.empty("0.1.0", Instant.parse("2026-11-25T10:00:00Z")).with(locked, "0.1.0",
                Instant.parse("2026-11-25T10:00:00Z"));
        JsonNode tool = Json.parse("{\"name\": \"stripe.charge\", \"risk_class\": \"money\"}");
        List<SnapshotRecord.PackRef> packs = List.of(pack("1.0", locked.integrity(), Set.of("stripe.refunds")));
        SnapshotRecord record = new SnapshotRecord(SnapshotRecord.idOf(HASH, "prod", packs),
                Instant.parse("2026-11-25T10:00:01Z"), HASH, "prod", packs, new TreeMap<>(Map.of("stripe.charge", tool)),
                lock);
        SnapshotRecord read = SnapshotRecord.fromJson(Json.parse(record.toJson().toString()));
        assertThat(read).isEqualTo(record);
        assertThat(read.lock().pack("stripe").orElseThrow().disabledTools()).containsExactly("stripe.refunds");
        assertThat(record.summaryJson().has("tools")).isFalse();
        assertThat(record.packSummary()).isEqualTo("stripe 1.0");
    }
}
