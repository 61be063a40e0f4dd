package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.install.IndexEntry;
import dev.rig.mcp.mount.MountedServers;
import dev.rig.spi.ErrorType;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig info PACK}: what the index says about a pack, what is installed, and its tools. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a pack: its index entry, the installed version and jars, and its tools.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    PackSourceOptions sources;

    @Parameters(paramLabel = "PACK", description = "The pack id.")
    String pack;

    @Override
    public Integer call() {
        RigConfig config = common.config();
        PrintWriter err = spec.commandLine().getErr();
        Optional<LockedPack> installed = LockFile.read(config.lockFile()).flatMap(l -> l.pack(pack));
        McpServerSettings server = config.mcpServers().get(pack);
        if (server != null || installed.filter(p -> p.runtime().equals(LockedPack.MCP)).isPresent()) {
            return printServer(config, server, installed.orElse(null));
        }
        Optional<IndexEntry> entry;
        try {
            entry = sources.index(err).index().entry(pack);
        } catch (RigException e) {
            if (installed.isEmpty()) {
                throw e;
            }
            err.println("warning: index unavailable: " + e.getMessage());
            entry = Optional.empty();
        }
        if (entry.isEmpty() && installed.isEmpty()) {
            throw new RigException(ErrorType.NOT_FOUND, "no pack '" + pack + "' in the index or in rig.lock",
                    "`rig packs --available` lists the index's packs");
        }
        Map<String, JsonNode> tools = installed.map(p -> p.runtime().equals(LockedPack.JAVA)
                ? sources.installer(config, err).installedTools(p) : pinnedTools(config, p)).orElse(Map.of());
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("pack", pack);
            entry.ifPresent(e -> doc.set("index", Json.MAPPER.valueToTree(Map.of(
                    "display_name", e.displayName(), "description", e.description(),
                    "homepage", String.valueOf(e.homepage()), "tags", e.tags(),
                    "java", e.java() == null ? Map.of() : Map.of("groupId", e.java().groupId(),
                            "artifactId", e.java().artifactId(), "version", e.java().version(),
                            "min_rig", String.valueOf(e.java().minRig())),
                    "node", e.node() == null ? Map.of() : Map.of("package", e.node().packageName(),
                            "version", String.valueOf(e.node().version()),
                            "min_rig", String.valueOf(e.node().minRig()))))));
            installed.ifPresent(p -> doc.set("installed", Json.MAPPER.valueToTree(Map.of(
                    "version", p.version(), "runtime", p.runtime(), "package", p.packageName(), "source", p.source(),
                    "installed_at", p.installedAt().toString(), "integrity", p.integrity(),
                    "enabled", config.packEnabled(p.packId()),
                    "jars", p.jars().stream().map(j -> Map.of("file", j.file(), "coordinates", j.coordinates(),
                            "size", j.size(), "sha256", j.sha256())).toList()))));
            doc.set("tools", Json.MAPPER.valueToTree(tools.values()));
            JsonOutput.print(out, doc);
            return ExitCode.OK.code();
        }
        entry.ifPresent(e -> {
            out.println(e.id() + ": " + e.displayName());
            out.println("  " + e.description());
            if (e.homepage() != null) {
                out.println("  homepage: " + e.homepage());
            }
            out.println("  index:    " + (e.java() == null ? "no Java package" : e.java().coordinates()
                    + (e.java().minRig() == null ? "" : " (needs RIG " + e.java().minRig() + "+)")));
            if (e.node() != null) {
                out.println("  npm:      " + e.node().spec() + (e.node().minRig() == null ? ""
                        : " (needs RIG " + e.node().minRig() + "+)") + ": rig install " + e.id() + " --runtime node");
            }
        });
        if (installed.isPresent()) {
            LockedPack p = installed.get();
            out.println("  installed: " + p.version() + " from " + p.source() + " at " + p.installedAt()
                    + (config.packEnabled(p.packId()) ? "" : " (not enabled in rig.yaml)"));
            p.jars().forEach(j -> out.println("    " + j.file() + "  " + j.coordinates() + "  sha256:" + j.sha256()));
            if (p.runtime().equals(LockedPack.NODE)) {
                out.println("    npm " + p.packageName() + " " + p.version() + " in .rig/node/" + p.packId()
                        + "  integrity " + p.integrity());
            }
            printTools(out, tools);
        } else {
            out.println("  not installed: `rig install " + pack + "`");
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private int printServer(RigConfig config, McpServerSettings server, LockedPack pinned) {
        Map<String, JsonNode> tools = pinned == null ? Map.of() : pinnedTools(config, pinned);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("pack", pack).put("runtime", LockedPack.MCP);
            if (server != null) {
                ObjectNode node = doc.putObject("server").put("target", server.target())
                        .put("transport", server.isStdio() ? "stdio" : "http").put("start", server.start().wireName());
                server.auth().forEach(node.putArray("auth")::add);
                server.env().keySet().forEach(node.putArray("env")::add);
                server.headers().keySet().forEach(node.putArray("headers")::add);
            }
            if (pinned != null) {
                doc.set("installed", Json.MAPPER.valueToTree(Map.of("version", pinned.version(), "runtime",
                        pinned.runtime(), "package", pinned.packageName(), "source", pinned.source(), "installed_at",
                        pinned.installedAt().toString(), "integrity", pinned.integrity(), "enabled", server != null)));
            }
            doc.set("tools", Json.MAPPER.valueToTree(tools.values()));
            JsonOutput.print(out, doc);
            return ExitCode.OK.code();
        }
        out.println(pack + ": MCP server" + (server == null ? " (no longer in rig.yaml: `rig uninstall " + pack
                + "` removes its pins)" : " (mcp_servers." + pack + " in rig.yaml)"));
        if (server != null) {
            out.println("  " + (server.isStdio() ? "command: " : "url:     ") + server.target() + " ("
                    + (server.isStdio() ? "stdio, start " + server.start().wireName() : "streamable HTTP") + ")");
            if (!server.auth().isEmpty()) {
                out.println("  secrets: " + String.join(", ", server.secretSlots()));
            }
        }
        if (pinned == null) {
            out.println("  not pinned yet: `rig update " + pack + "` starts it and pins its tools");
        } else {
            out.println("  pinned:  version " + pinned.version() + " at " + pinned.installedAt() + ", "
                    + pinned.tools().size() + " tool" + (pinned.tools().size() == 1 ? "" : "s") + " (`rig update " + pack
                    + " --dry-run` compares them with the server)");
            printTools(out, tools);
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private static void printTools(PrintWriter out, Map<String, JsonNode> tools) {
        out.println("  tools:");
        tools.values().forEach(t -> out.println("    " + t.path("name").asText() + " ("
                + t.path("risk_class").asText() + ")" + (t.path("enabled").asBoolean(true) ? "" : " [disabled]")
                + " " + t.path("description").asText()));
    }

    /** The pinned tools of a mounted server or npm pack: name in RIG, risk class, description, enabled, fingerprint. */
    private static Map<String, JsonNode> pinnedTools(RigConfig config, LockedPack pack) {
        boolean nodePack = pack.runtime().equals(LockedPack.NODE);
        McpServerSettings settings = nodePack || !config.mcpServers().containsKey(pack.packId())
                ? McpServerSettings.stdio(pack.packId(), List.of("node"), Map.of(), List.of())
                : config.mcpServers().get(pack.packId());
        Map<String, JsonNode> tools = new TreeMap<>();
        pack.tools().forEach((name, pin) -> {
            JsonNode definition = pin.definition();
            String rigName = nodePack ? name : pack.packId() + "." + name;
            tools.put(rigName, Json.MAPPER.createObjectNode().put("name", rigName)
                    .put("risk_class", MountedServers.riskOf(settings, nodePack, definition).wireName())
                    .put("description", definition.path("description").asText(""))
                    .put("enabled", pin.enabled()).put("fingerprint", pin.fingerprint()));
        });
        return tools;
    }
}
