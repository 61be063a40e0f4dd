package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.install.IndexEntry;
import dev.rig.install.IndexReading;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rig packs}: the installed packs (from rig.lock: Java, npm and mounted MCP servers, with the
 * servers of rig.yaml not pinned yet), or with {@code --available} the index's.
 */
@Command(name = "packs", mixinStandardHelpOptions = true,
        description = "List the installed packs, or (--available) the packs in the index.")
final class PacksCommand implements Callable<Integer> {

    private static final int DESCRIPTION_WIDTH = 60;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    PackSourceOptions sources;

    @Option(names = "--available", description = "List the packs the index offers (installed ones marked).")
    boolean available;

    @Override
    public Integer call() {
        RigConfig config = common.config();
        LockFile lock = LockFile.read(config.lockFile()).orElse(LockFile.empty(RigVersion.version(), Instant.now()));
        PrintWriter out = spec.commandLine().getOut();
        if (available) {
            printAvailable(out, sources.index(spec.commandLine().getErr()), lock);
        } else {
            printInstalled(out, config, lock);
        }
        return ExitCode.OK.code();
    }

    private void printInstalled(PrintWriter out, RigConfig config, LockFile lock) {
        if (json.enabled) {
            ArrayNode list = Json.MAPPER.createArrayNode();
            for (LockedPack pack : lock.packs().values()) {
                list.addObject().put("pack", pack.packId()).put("version", pack.version())
                        .put("runtime", pack.runtime()).put("package", pack.packageName()).put("source", pack.source())
                        .put("installed_at", pack.installedAt().toString())
                        .put("enabled", MountedPacks.enabled(config, pack))
                        .put("integrity", pack.integrity()).put("jars", pack.jars().size())
                        .put("tools", pack.tools().size());
            }
            for (McpServerSettings server : unpinned(config, lock)) {
                list.addObject().put("pack", server.id()).putNull("version").put("runtime", LockedPack.MCP)
                        .put("package", server.target()).put("source", server.isStdio() ? "stdio" : "http")
                        .putNull("installed_at").put("enabled", true).putNull("integrity").put("jars", 0)
                        .put("tools", 0);
            }
            JsonOutput.print(out, list);
            return;
        }
        if (lock.packs().isEmpty() && config.mcpServers().isEmpty()) {
            spec.commandLine().getErr().println("no packs installed here; `rig packs --available` lists what the index"
                    + " offers, `rig install PACK` installs one");
            spec.commandLine().getErr().flush();
            return;
        }
        Table table = new Table(java.util.List.of("PACK", "VERSION", "RUNTIME", "ENABLED", "PACKAGE", "SOURCE",
                "INSTALLED"));
        for (LockedPack pack : lock.packs().values()) {
            table.add(pack.packId(), pack.version(), pack.runtime(), MountedPacks.enabled(config, pack) ? "yes" : "no",
                    pack.packageName(), pack.source(), pack.installedAt().toString());
        }
        for (McpServerSettings server : unpinned(config, lock)) {
            table.add(server.id(), "-", LockedPack.MCP, "yes", server.target(), "not pinned: rig update " + server.id(),
                    "-");
        }
        table.print(out);
    }

    /** The servers of rig.yaml whose tools are not pinned in rig.lock yet. */
    private static java.util.List<McpServerSettings> unpinned(RigConfig config, LockFile lock) {
        return config.mcpServers().values().stream().filter(s -> lock.pack(s.id()).isEmpty()).toList();
    }

    private void printAvailable(PrintWriter out, IndexReading reading, LockFile lock) {
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("index", reading.url())
                    .put("generated_at", reading.index().generatedAt() == null ? null
                            : reading.index().generatedAt().toString());
            ArrayNode list = doc.putArray("packs");
            for (IndexEntry entry : reading.index().packs().values()) {
                ObjectNode node = list.addObject().put("pack", entry.id()).put("display_name", entry.displayName())
                        .put("description", entry.description());
                if (entry.java() != null) {
                    node.put("package", entry.java().groupId() + ":" + entry.java().artifactId())
                            .put("version", entry.java().version()).put("min_rig", entry.java().minRig());
                }
                if (entry.node() != null) {
                    node.putObject("node").put("package", entry.node().packageName())
                            .put("version", entry.node().version()).put("min_rig", entry.node().minRig());
                }
                node.put("installed", lock.pack(entry.id()).map(LockedPack::version).orElse(null));
            }
            JsonOutput.print(out, doc);
            return;
        }
        Table table = new Table(java.util.List.of("PACK", "VERSION", "INSTALLED", "DESCRIPTION"));
        for (IndexEntry entry : reading.index().packs().values()) {
            table.add(entry.id(), entry.java() != null ? entry.java().version()
                            : entry.node() != null ? "npm " + entry.node().spec() : "(no java)",
                    lock.pack(entry.id()).map(LockedPack::version).orElse("-"),
                    Table.truncate(entry.description(), DESCRIPTION_WIDTH));
        }
        table.print(out);
    }
}
