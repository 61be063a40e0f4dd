package dev.rig.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.lock.LockedJar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A pack resolved and copied into a staging directory, checked and inspected, not yet installed.
 *
 * @param tools the pack's tools as RTP ToolDef JSON by name
 * @param problems what the gateway would report about the pack (broken tools), empty when none
 */
record StagedPack(String packId, String packageName, String version, String source, Path directory,
                  List<LockedJar> jars, Map<String, JsonNode> tools, List<String> problems) {

    long bytes() {
        return jars.stream().mapToLong(LockedJar::size).sum();
    }
}
