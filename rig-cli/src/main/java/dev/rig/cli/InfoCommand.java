package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.install.IndexEntry;
import dev.rig.spi.ErrorType;
import java.io.PrintWriter;
import java.util.Map;
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
        Map<String, JsonNode> tools = installed.map(p -> sources.installer(config, err).installedTools(p))
                .orElse(Map.of());
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("pack", pack);
            entry.ifPresent(e -> doc.set("index", Json.MAPPER.valueToTree(Map.of(
                    "display_name", e.displayName(), "description", e.description(),
                    "homepage", String.valueOf(e.homepage()), "tags", e.tags(),
                    "java", e.java() == null ? Map.of() : Map.of("groupId", e.java().groupId(),
                            "artifactId", e.java().artifactId(), "version", e.java().version(),
                            "min_rig", String.valueOf(e.java().minRig()))))));
            installed.ifPresent(p -> doc.set("installed", Json.MAPPER.valueToTree(Map.of(
                    "version", p.version(), "package", p.packageName(), "source", p.source(),
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
        });
        if (installed.isPresent()) {
            LockedPack p = installed.get();
            out.println("  installed: " + p.version() + " from " + p.source() + " at " + p.installedAt()
                    + (config.packEnabled(p.packId()) ? "" : " (not enabled in rig.yaml)"));
            p.jars().forEach(j -> out.println("    " + j.file() + "  " + j.coordinates() + "  sha256:" + j.sha256()));
            out.println("  tools:");
            tools.values().forEach(t -> out.println("    " + t.path("name").asText() + " ("
                    + t.path("risk_class").asText() + ") " + t.path("description").asText()));
        } else {
            out.println("  not installed: `rig install " + pack + "`");
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
