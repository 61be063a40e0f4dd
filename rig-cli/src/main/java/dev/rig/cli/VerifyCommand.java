package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.PackIntegrity;
import dev.rig.install.MountInstaller;
import dev.rig.spi.ErrorType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rig verify}: checks every installed jar against the sha256 in rig.lock, and every npm pack's
 * integrity (npm's, in {@code .rig/node/<id>/package-lock.json}) against rig.lock; exit 1 when any differs.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the installed packs' jars (and npm packs' integrity) against rig.lock (all packs, or one).")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Parameters(paramLabel = "PACK", arity = "0..1", description = "The pack to check (default: all).")
    String pack;

    @Override
    public Integer call() {
        RigConfig config = common.config();
        LockFile lock = LockFile.read(config.lockFile()).orElseThrow(() -> new RigException(ErrorType.NOT_FOUND,
                "no rig.lock in " + config.workingDirectory() + ": nothing is installed to verify",
                "`rig init` or `rig install PACK` creates it"));
        List<LockedPack> packs = new ArrayList<>();
        if (pack != null) {
            packs.add(lock.pack(pack).orElseThrow(() -> new RigException(ErrorType.NOT_FOUND, "pack '" + pack
                    + "' is not in rig.lock (it has " + String.join(", ", lock.packs().keySet()) + ")",
                    "`rig packs` lists the installed packs")));
        } else {
            packs.addAll(lock.packs().values());
        }
        List<List<String>> results = packs.parallelStream().map(p -> problems(config, p)).toList();
        PrintWriter out = spec.commandLine().getOut();
        boolean allGood = results.stream().allMatch(List::isEmpty);
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("ok", allGood);
            ArrayNode list = doc.putArray("packs");
            for (int i = 0; i < packs.size(); i++) {
                ObjectNode node = list.addObject().put("pack", packs.get(i).packId())
                        .put("version", packs.get(i).version()).put("runtime", packs.get(i).runtime())
                        .put("ok", results.get(i).isEmpty()).put("jars", packs.get(i).jars().size())
                        .put("tools", packs.get(i).tools().size());
                if (packs.get(i).runtime().equals(LockedPack.MCP)) {
                    node.put("note", mcpNote(packs.get(i)));
                }
                results.get(i).forEach(node.putArray("problems")::add);
            }
            JsonOutput.print(out, doc);
        } else {
            for (int i = 0; i < packs.size(); i++) {
                LockedPack locked = packs.get(i);
                if (results.get(i).isEmpty()) {
                    out.println("ok       " + locked.packId() + " " + locked.version() + switch (locked.runtime()) {
                        case LockedPack.MCP -> ": " + mcpNote(locked);
                        case LockedPack.NODE -> " (npm " + locked.packageName() + ": the integrity in .rig/node/"
                                + locked.packId() + "/package-lock.json matches rig.lock)";
                        default -> " (" + locked.jars().size() + " jar" + (locked.jars().size() == 1 ? "" : "s")
                                + " match rig.lock)";
                    });
                } else {
                    out.println("CHANGED  " + locked.packId() + " " + locked.version());
                    results.get(i).forEach(problem -> out.println("    " + problem));
                }
            }
            out.flush();
        }
        if (!allGood) {
            var err = spec.commandLine().getErr();
            err.println("fix: `rig install --force <pack>` installs a pack again from its repository"
                    + (packs.stream().anyMatch(p -> p.runtime().equals(LockedPack.NODE))
                    ? "; `rig install` installs an npm pack again at its locked version" : ""));
            err.flush();
            return ExitCode.FAILED.code();
        }
        return ExitCode.OK.code();
    }

    /**
     * What differs between pack {@code locked} as installed and rig.lock: jars for a Java pack, npm's
     * integrity for an npm pack; nothing for a mounted server (its pins are compared by {@code rig update}).
     */
    private static List<String> problems(RigConfig config, LockedPack locked) {
        return switch (locked.runtime()) {
            case LockedPack.MCP -> List.of();
            case LockedPack.NODE -> {
                Path home = MountInstaller.nodeHome(config.workingDirectory(), locked.packId());
                try {
                    String integrity = MountInstaller.installedIntegrity(home, locked.packageName());
                    yield integrity.equals(locked.integrity()) ? List.of() : List.of(home.resolve("package-lock.json")
                            + " records integrity " + integrity + " for " + locked.packageName() + ", rig.lock says "
                            + locked.integrity());
                } catch (RigException e) {
                    yield List.of(e.getMessage());
                }
            }
            default -> PackIntegrity.check(PackIntegrity.directory(config.packsDirectory(), locked), locked);
        };
    }

    private static String mcpNote(LockedPack locked) {
        return "MCP server: pinned " + locked.tools().size() + " tool" + (locked.tools().size() == 1 ? "" : "s")
                + " (run `rig update " + locked.packId() + " --dry-run` to compare with the server)";
    }
}
