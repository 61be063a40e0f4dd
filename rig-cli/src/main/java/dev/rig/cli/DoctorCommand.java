package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.Gateway;
import dev.rig.mcp.mount.MountedServers;
import dev.rig.core.api.RigException;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.ToolPinning;
import dev.rig.install.MountInstaller;
import dev.rig.install.ServerProbe;
import dev.rig.core.json.Json;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.secrets.SecretsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rig doctor}: checks what {@code rig serve} needs, one line per check with how to fix it. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the setup (config, JDK, database, packs, port, secrets, node, each",
            "mounted MCP server and npm pack); exit 1 if any check fails."})
final class DoctorCommand implements Callable<Integer> {

    private static final int MIN_JAVA = 21;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    /** The outcome of one check; {@code fix} is null when it passed. */
    record Check(String name, boolean ok, String detail, String fix) {

        static Check pass(String name, String detail) {
            return new Check(name, true, detail, null);
        }

        static Check fail(String name, String detail, String fix) {
            return new Check(name, false, detail, fix);
        }
    }

    @Override
    public Integer call() {
        Path dir = common.workingDirectory();
        List<Check> checks = new ArrayList<>();
        RigConfig config;
        try {
            config = common.config();
            checks.add(Check.pass("config", config.source() == null
                    ? "no rig.yaml in " + dir + ": embedded defaults" : config.source() + " is valid"));
        } catch (RigException e) {
            checks.add(Check.fail("config", e.getMessage(), e.hints().isEmpty() ? "fix rig.yaml" : e.hints().get(0)));
            config = RigConfig.defaults(dir);
        }
        checks.add(java());
        checks.add(database(config));
        checks.add(packs(config));
        checks.add(port(config));
        secrets(config.secretsFile()).ifPresent(checks::add);
        LockFile lock = lock(config);
        checks.add(NodeCheck.check(config, lock, System.getenv()));
        checks.addAll(mounts(config, lock));
        print(checks);
        return checks.stream().allMatch(Check::ok) ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    private static Check java() {
        Runtime.Version version = Runtime.version();
        return version.feature() >= MIN_JAVA
                ? Check.pass("java", "Java " + version + " (" + System.getProperty("java.home") + ")")
                : Check.fail("java", "Java " + version + " is too old", "install a JDK " + MIN_JAVA
                        + " or newer and point JAVA_HOME at it");
    }

    private static Check database(RigConfig config) {
        if (!config.database().isSqlite()) {
            return Check.pass("database", "PostgreSQL (connection checked with the packs below)");
        }
        Path file = Path.of(config.database().url().substring("jdbc:sqlite:".length()));
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path probe = Files.createTempFile(parent, ".rig-doctor", ".tmp");
            Files.delete(probe);
            if (Files.exists(file) && !Files.isWritable(file)) {
                return Check.fail("database", file + " is not writable", "chmod u+w " + file);
            }
            return Check.pass("database", file + (Files.exists(file) ? " is writable" : " can be created"));
        } catch (IOException e) {
            return Check.fail("database", "cannot write in " + parent + ": " + e.getMessage(),
                    "make " + parent + " writable, or set audit_db_path in rig.yaml");
        }
    }

    private static Check packs(RigConfig config) {
        try (Gateway gateway = Gateway.open(config, new MountedServers())) {
            Snapshot snapshot = gateway.snapshot();
            String loaded = snapshot.packs().size() + " pack(s), " + snapshot.tools().size() + " tool(s)";
            if (!snapshot.problems().isEmpty()) {
                return Check.fail("packs", loaded + "; skipped: " + snapshot.problems().stream()
                        .map(Object::toString).collect(Collectors.joining("; ")), "fix the settings of the pack named");
            }
            if (snapshot.tools().isEmpty()) {
                return Check.fail("packs", "no tools loaded",
                        "enable a pack under packs: in rig.yaml (rig init writes echo and fs)");
            }
            return Check.pass("packs", loaded + ": " + snapshot.packs().stream()
                    .map(p -> p.id() + " " + p.version()).collect(Collectors.joining(", ")));
        } catch (RigException e) {
            return Check.fail("packs", "the gateway does not open: " + e.getMessage(),
                    e.hints().isEmpty() ? "check the database settings" : e.hints().get(0));
        } catch (RuntimeException e) {
            return Check.fail("packs", "the gateway does not open: " + e,
                    "run `rig serve --stacktrace` and report the trace");
        }
    }

    private static Check port(RigConfig config) {
        String host = config.server().host();
        int port = config.server().port();
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return Check.pass("port", host + ":" + port + " is free");
        } catch (IOException e) {
            return Check.fail("port", "cannot listen on " + host + ":" + port + ": " + e.getMessage(),
                    "stop what uses it (a gateway already running?), or run `rig serve --port N`");
        }
    }

    private static LockFile lock(RigConfig config) {
        try {
            return LockFile.read(config.lockFile()).orElse(null);
        } catch (RigException e) {
            return null; // the packs check above names what is wrong with it
        }
    }

    /**
     * One check per mounted server and enabled npm pack: started on its own, its tools listed and compared
     * with its pins in rig.lock.
     */
    private static List<Check> mounts(RigConfig config, LockFile lock) {
        List<Check> checks = new ArrayList<>();
        MountProbe probe = new MountProbe(System.getenv());
        for (McpServerSettings server : config.mcpServers().values()) {
            LockedPack pinned = lock == null ? null : lock.pack(server.id())
                    .filter(p -> p.runtime().equals(LockedPack.MCP)).orElse(null);
            checks.add(mount("mcp " + server.id(), server.id(), pinned, () -> probe.probe(config, server.id(), null)));
        }
        if (lock != null) {
            for (LockedPack pack : lock.packs().values()) {
                if (!pack.runtime().equals(LockedPack.NODE) || !config.packEnabled(pack.packId())) {
                    continue;
                }
                String name = "npm " + pack.packId();
                if (!Files.isDirectory(MountInstaller.nodeHome(config.workingDirectory(), pack.packId())
                        .resolve("node_modules").resolve(pack.packageName()))) {
                    checks.add(Check.fail(name, pack.packageName() + " " + pack.version() + " is in rig.lock but not"
                            + " installed here", "`rig install` installs what rig.lock pins"));
                    continue;
                }
                checks.add(mount(name, pack.packId(), pack, () -> probe.probe(config, pack.packId(),
                        pack.packageName())));
            }
        }
        return checks;
    }

    private static Check mount(String name, String id, LockedPack pinned, Supplier<ServerProbe.Served> probe) {
        ServerProbe.Served served;
        try {
            served = probe.get();
        } catch (RigException e) {
            return Check.fail(name, e.getMessage(), e.hints().isEmpty() ? "run `rig update " + id + " --dry-run -v` to"
                    + " see the server's output" : e.hints().get(0));
        }
        int tools = served.tools().size();
        String count = tools + " tool" + (tools == 1 ? "" : "s") + " (version " + served.version() + ")";
        if (pinned == null) {
            return Check.pass(name, count + "; not pinned yet → rig update " + id);
        }
        long changed = ToolPinning.diff(pinned.tools(), served.tools(), false, Set.of()).stream()
                .filter(c -> c.kind() != ToolPinning.Kind.UNCHANGED).count();
        return Check.pass(name, count + (changed == 0 ? ", as pinned" : "; " + changed + " changed since pinned → rig"
                + " update " + id));
    }

    /** The gateway's own check of the secrets file, so doctor and the gateway never disagree. */
    private static Optional<Check> secrets(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String problem = SecretsFile.read(file).problem();
        return Optional.of(problem == null
                ? Check.pass("secrets", file + " is readable by its owner only")
                : Check.fail("secrets", problem, "chmod 600 " + file));
    }

    private void print(List<Check> checks) {
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("ok", checks.stream().allMatch(Check::ok));
            ArrayNode array = doc.putArray("checks");
            checks.forEach(c -> array.addObject().put("name", c.name()).put("ok", c.ok()).put("detail", c.detail())
                    .put("fix", c.fix()));
            JsonOutput.print(out, doc);
            return;
        }
        for (Check check : checks) {
            out.println((check.ok() ? "✓ " : "✗ ") + check.name() + ": " + check.detail());
            if (!check.ok()) {
                out.println("    fix: " + check.fix());
            }
        }
        out.flush();
    }
}
