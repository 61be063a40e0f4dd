package dev.rig.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.RigConfig;
import dev.rig.spi.RiskClass;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Starts one mounted server on its own, lists its tools and stops it: what {@link MountInstaller} pins,
 * compares and checks. The CLI implements it on rig-mcp's {@code MountedServers.probe}, which this
 * module does not see.
 */
@FunctionalInterface
public interface ServerProbe {

    /**
     * What a server serves.
     *
     * @param version the version the server reports ({@code unknown} when it reports none)
     * @param tools   each tool's definition as it is pinned in rig.lock, by the server's name for it
     * @param risks   each tool's risk class in RIG (configured, declared or from its annotations), by the same name
     */
    record Served(String version, SortedMap<String, JsonNode> tools, Map<String, RiskClass> risks) {

        public Served {
            Objects.requireNonNull(version, "version");
            tools = Collections.unmodifiableSortedMap(new TreeMap<>(tools));
            risks = Map.copyOf(risks);
        }
    }

    /**
     * Probes server {@code id}: the {@code mcp_servers:} entry of {@code config}, or, when {@code nodePackage}
     * is given, the npm pack installed as {@code id} under {@code config}'s working directory.
     *
     * @throws RigException when the server does not start, does not list its tools, or a secret it needs is missing
     */
    Served probe(RigConfig config, String id, String nodePackage);
}
