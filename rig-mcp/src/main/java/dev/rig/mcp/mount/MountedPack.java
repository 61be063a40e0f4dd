package dev.rig.mcp.mount;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.util.List;

/** A mounted server (or npm pack) as a pack: its id, version and the tools made for this snapshot. */
final class MountedPack implements Pack {

    private final String id;
    private final String version;
    private final String description;
    private final List<Tool> tools;

    MountedPack(String id, String version, String description, List<Tool> tools) {
        this.id = id;
        this.version = version;
        this.description = description;
        this.tools = List.copyOf(tools);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Tool> tools(PackEnvironment environment) {
        return tools;
    }
}
