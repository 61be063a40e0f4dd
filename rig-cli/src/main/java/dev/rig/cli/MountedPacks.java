package dev.rig.cli;

import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockedPack;

/** How the listing commands show a rig.lock entry of any runtime: Java jars, npm pack or mounted MCP server. */
final class MountedPacks {

    private MountedPacks() {}

    /** Whether the pack is enabled: a server while rig.yaml mounts it, any other pack while packs: enables it. */
    static boolean enabled(RigConfig config, LockedPack pack) {
        return pack.runtime().equals(LockedPack.MCP) ? config.mcpServers().containsKey(pack.packId())
                : config.packEnabled(pack.packId());
    }

    /** The package with its version: {@code g:a:v}, {@code npm @scope/name@v}, or the server's command line or URL. */
    static String packageWithVersion(LockedPack pack) {
        return switch (pack.runtime()) {
            case LockedPack.MCP -> "mcp " + pack.packageName() + " (" + pack.source() + ")";
            case LockedPack.NODE -> "npm " + pack.packageName() + "@" + pack.version();
            default -> pack.coordinates();
        };
    }
}
