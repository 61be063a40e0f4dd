package dev.rig.install;

import dev.rig.core.api.RigException;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.PinnedTool;
import dev.rig.core.lock.ToolPinning;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Installs, reviews and removes a workspace's packs that are not jars: MCP servers mounted from
 * {@code mcp_servers:} ({@code rig install mcp:<id>}) and npm packs run by RIG's Node runner
 * ({@code rig install <id> --runtime node}), with their tools pinned in {@code rig.lock}.
 *
 * <p>Nothing of the workspace changes before the server has been started on its own and has listed
 * its tools ({@link ServerProbe}): an {@code mcp_servers:} edit is proved first and written after
 * the probe; an npm package is installed by npm into a staging directory under {@code .rig/node/},
 * probed there, and only then moved to {@code .rig/node/<id>/}. Any failure removes the staging
 * directory and leaves rig.yaml, rig.lock and {@code .rig/} as they were. rig.lock is written before
 * rig.yaml on install and after it on uninstall, so a gateway watching both never meets a server in
 * rig.yaml without its pins (it would pin what it sees first).
 */
public final class MountInstaller {

    /** Where npm packs are installed in a workspace, {@code .rig/node/<id>/}: the same place rig-mcp's NodeRunner runs them from. */
    public static final String NODE_DIRECTORY = ".rig/node";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final RigConfig config;
    private final ServerProbe probe;
    private final Npm npm;
    private final Supplier<IndexReading> index;
    private final String rigVersion;
    private final InstantSource clock;
    private final Consumer<String> notices;
    private final Path rigHome;

    /**
     * @param environment the environment npm runs with ({@code RIG_NPM} names the program)
     * @param index the pack index, read only when an npm pack is installed by id alone
     * @param notices told what happens, one sentence at a time (for stderr)
     */
    public MountInstaller(RigConfig config, ServerProbe probe, Map<String, String> environment,
                          Supplier<IndexReading> index, String rigVersion, InstantSource clock,
                          Consumer<String> notices) {
        this(config, probe, environment, index, rigVersion, clock, notices, null);
    }

    /**
     * An installer that takes an index entry's npm package from the RIG installation {@code rigHome} when
     * the entry says the distribution carries it ({@code node.bundled}); null for none.
     */
    public MountInstaller(RigConfig config, ServerProbe probe, Map<String, String> environment,
                          Supplier<IndexReading> index, String rigVersion, InstantSource clock,
                          Consumer<String> notices, Path rigHome) {
        this.rigHome = rigHome;
        this.config = Objects.requireNonNull(config, "config");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.npm = new Npm(environment, config.workingDirectory());
        this.index = Objects.requireNonNull(index, "index");
        this.rigVersion = Objects.requireNonNull(rigVersion, "rigVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /** Options of an install: reinstall and relock, fail instead of changing rig.lock, change nothing, enable. */
    public record Options(boolean force, boolean frozen, boolean dryRun, boolean enable) {}

    /** Whether {@code id} is a mounted server or npm pack of this workspace (so not a Java pack's business). */
    public boolean handles(String id) {
        return config.mcpServers().containsKey(id)
                || lock().pack(id).map(p -> !p.runtime().equals(LockedPack.JAVA)).orElse(false);
    }

    /** The lock of the workspace, or an empty one. */
    public LockFile lock() {
        return LockFile.read(config.lockFile()).orElseGet(() -> LockFile.empty(rigVersion, clock.instant()));
    }

    // ---------------------------------------------------------------- MCP servers

    /**
     * Mounts {@code server}: adds it to {@code mcp_servers:} and pins every tool it lists, enabled. A server
     * that is there already is left alone unless {@code force}, which replaces its entry and its pins.
     *
     * @throws RigException when rig.yaml cannot be edited safely (with the lines to add by hand), the id is
     *     taken, or the server does not start; then nothing changed
     */
    public MountChange mount(McpServerSettings server, Options options) {
        String id = server.id();
        requireId(id);
        LockFile lock = lock();
        LockedPack locked = lock.pack(id).orElse(null);
        McpServerSettings present = config.mcpServers().get(id);
        if (present != null && !options.force()) {
            return new MountChange(id, LockedPack.MCP, MountChange.Action.ALREADY_MOUNTED, present.target(),
                    transport(present), locked == null ? null : locked.version(), locked == null ? null : locked.version(),
                    null, List.of(), List.of(), Map.of(), List.of("`rig install mcp:" + id + " --force -- ...` replaces"
                            + " it; `rig update " + id + "` reviews its tools"));
        }
        if (config.packs() != null && config.packs().containsKey(id)) {
            throw new RigException(ErrorType.CONFLICT, "'" + id + "' is a pack under packs: in rig.yaml",
                    "give the server another id: rig install mcp:<other id> ...");
        }
        if (locked != null && !locked.runtime().equals(LockedPack.MCP)) {
            throw new RigException(ErrorType.CONFLICT, "'" + id + "' is installed as a " + locked.runtime() + " pack ("
                    + locked.packageName() + ")", "give the server another id, or `rig uninstall " + id + "` first");
        }
        checkFrozen(options, id);
        McpServersEditor.Plan plan = McpServersEditor.planAdd(requireSource(), server, present != null);
        Map<String, McpServerSettings> servers = new LinkedHashMap<>(config.mcpServers());
        servers.put(id, server);
        ServerProbe.Served served = probe.probe(copy(config, config.workingDirectory(), servers), id, null);
        SortedMap<String, PinnedTool> none = new TreeMap<>();
        List<ToolPinning.Change> tools = ToolPinning.diff(none, served.tools(), true, Set.of());
        LockedPack next = new LockedPack(id, server.target(), served.version(), LockedPack.MCP, null, clock.instant(),
                transport(server), List.of(), ToolPinning.accept(none, served.tools(), true, Set.of()));
        List<String> notes = new ArrayList<>();
        if (!options.dryRun()) {
            Optional<byte[]> lockBytes = bytes(config.lockFile());
            write(lock.with(next, rigVersion, clock.instant()));
            try {
                notes.add(plan.apply().summary());
            } catch (RuntimeException e) {
                putBack(config.lockFile(), lockBytes);
                throw e;
            }
        }
        return new MountChange(id, LockedPack.MCP, MountChange.Action.MOUNTED, server.target(), transport(server),
                locked == null ? null : locked.version(), next.version(), null, tools, List.of(), served.risks(), notes);
    }

    // ---------------------------------------------------------------- npm packs

    /**
     * Installs npm pack {@code id} from {@code spec} (an npm spec, a tarball or a package directory; null: the
     * index entry's {@code node.package}) into {@code .rig/node/<id>/}, pins its tools and enables it in
     * rig.yaml. A pack in rig.lock is reinstalled from the lock (same version, same integrity) when its files
     * are missing, and left alone otherwise; {@code force} installs {@code spec} in its place, accepting its
     * tools as {@code rig update} does (changed ones re-pinned, new ones disabled).
     *
     * @throws RigException when npm fails, the package has no integrity, or the pack does not start; then
     *     nothing changed
     */
    public MountChange installNode(String id, String spec, Options options) {
        requireId(id);
        LockFile lock = lock();
        LockedPack locked = lock.pack(id).orElse(null);
        if (locked != null && !locked.runtime().equals(LockedPack.NODE)) {
            throw new RigException(ErrorType.CONFLICT, "'" + id + "' is installed as a " + locked.runtime() + " pack ("
                    + locked.packageName() + ")", "`rig uninstall " + id + "` first to install the npm pack instead");
        }
        if (config.mcpServers().containsKey(id)) {
            throw new RigException(ErrorType.CONFLICT, "'" + id + "' is a server under mcp_servers: in rig.yaml",
                    "install the npm pack under another id: rig install <other id> --runtime node --package ...");
        }
        if (locked != null && !options.force()) {
            if (spec == null || spec.equals(locked.source())
                    || spec.equals(locked.packageName() + "@" + locked.version())) {
                return restore(locked, options.dryRun());
            }
            throw new RigException(ErrorType.CONFLICT, id + " is installed from " + locked.source() + " ("
                    + locked.packageName() + " " + locked.version() + ")", "`rig install " + id
                    + " --runtime node --package " + spec + " --force` installs it in its place (changed tools are"
                    + " re-pinned, new ones start disabled)");
        }
        checkFrozen(options, id);
        Npm.Spec parsed = Npm.Spec.of(spec != null ? spec : indexSpec(id), Path.of("").toAbsolutePath());
        String wanted = recorded(parsed);
        Staging staging = Staging.create(nodeDirectory(), id);
        try {
            Npm.Installed installed = npm.install(parsed, staging.prefix(id), staging.root());
            ServerProbe.Served served = probe.probe(copy(config, staging.root(), config.mcpServers()), id,
                    installed.name());
            SortedMap<String, PinnedTool> pins = locked == null ? new TreeMap<>() : locked.tools();
            List<ToolPinning.Change> tools = ToolPinning.diff(pins, served.tools(), false, Set.of());
            LockedPack next = new LockedPack(id, installed.name(), installed.version(), LockedPack.NODE,
                    installed.integrity(), clock.instant(), wanted, List.of(),
                    ToolPinning.accept(pins, served.tools(), false, Set.of()));
            List<String> notes = new ArrayList<>();
            if (!options.dryRun()) {
                staging.moveInto(id, () -> write(lock.with(next, rigVersion, clock.instant())));
                if (options.enable() && config.source() != null) {
                    try {
                        notes.add(RigYamlEditor.enable(config.source(), id).summary());
                    } catch (RigException e) {
                        notes.add("installed, but not enabled: " + e.getMessage());
                    }
                }
            }
            return new MountChange(id, LockedPack.NODE, MountChange.Action.INSTALLED, installed.name(), wanted,
                    locked == null ? null : locked.version(), installed.version(), installed.integrity(), tools,
                    List.of(), served.risks(), notes);
        } finally {
            staging.close();
        }
    }

    /** Installs every npm pack of rig.lock whose files are missing or differ, at exactly its locked version and integrity. */
    public List<MountChange> restoreNode(boolean dryRun) {
        List<MountChange> changes = new ArrayList<>();
        for (LockedPack pack : lock().packs().values()) {
            if (pack.runtime().equals(LockedPack.NODE)) {
                changes.add(restore(pack, dryRun));
            }
        }
        return changes;
    }

    private MountChange restore(LockedPack locked, boolean dryRun) {
        String id = locked.packId();
        Path home = nodeDirectory().resolve(id);
        Optional<Npm.Installed> present;
        try {
            present = Npm.installed(home);
        } catch (RigException e) {
            present = Optional.empty();
        }
        if (present.filter(p -> p.name().equals(locked.packageName()) && p.integrity().equals(locked.integrity()))
                .isPresent() && Files.isDirectory(home.resolve("node_modules").resolve(locked.packageName()))) {
            return change(locked, MountChange.Action.ALREADY_INSTALLED, List.of());
        }
        Npm.Spec spec = restoreSpec(locked);
        notices.accept(id + " " + locked.version() + " is in rig.lock but not installed here: installing it from "
                + spec.text());
        Staging staging = Staging.create(nodeDirectory(), id);
        try {
            Npm.Installed installed = npm.install(spec, staging.prefix(id), staging.root());
            if (!installed.name().equals(locked.packageName()) || !installed.version().equals(locked.version())
                    || !installed.integrity().equals(locked.integrity())) {
                throw new RigException(ErrorType.CONFLICT, "npm installed " + installed.name() + " " + installed.version()
                        + " (integrity " + installed.integrity() + ") from " + spec.text() + ", but rig.lock records "
                        + locked.packageName() + " " + locked.version() + " (integrity " + locked.integrity() + ")",
                        "if you trust the new package, `rig install " + id + " --runtime node --package "
                                + locked.source() + " --force` relocks it");
            }
            if (!dryRun) {
                staging.moveInto(id, () -> { });
            }
            return change(locked, MountChange.Action.RESTORED, List.of());
        } finally {
            staging.close();
        }
    }

    /** Where a locked pack is installed from again: its source when that is a tarball or directory still there, else name@version. */
    private Npm.Spec restoreSpec(LockedPack locked) {
        try {
            Npm.Spec source = Npm.Spec.of(locked.source(), config.workingDirectory());
            if (source.local()) {
                return source;
            }
        } catch (RigException e) {
            // the tarball or directory is gone: the registry may have the same version
        }
        return new Npm.Spec(locked.packageName() + "@" + locked.version(), null, false);
    }

    /**
     * How rig.lock records where a pack came from: an npm spec as given; a tarball or directory relative to
     * the workspace when inside it ({@code ./npm-packs/pack-echo}), else absolute, so a clone restores it.
     */
    private String recorded(Npm.Spec spec) {
        if (!spec.local()) {
            return spec.text();
        }
        Path workspace = config.workingDirectory().toAbsolutePath().normalize();
        return spec.path().startsWith(workspace) ? "./" + workspace.relativize(spec.path()).toString().replace('\\', '/')
                : spec.path().toString();
    }

    private String indexSpec(String id) {
        IndexReading reading = index.get();
        IndexEntry entry = reading.index().entry(id).orElseThrow(() -> new RigException(ErrorType.NOT_FOUND,
                "no pack '" + id + "' in the index " + reading.url(), "name the npm package: rig install " + id
                        + " --runtime node --package <name@version, tarball or directory>"));
        NodePackage node = entry.requireNode(rigVersion);
        if (node.bundled() != null && rigHome != null && Files.isDirectory(rigHome.resolve(node.bundled()))) {
            return rigHome.resolve(node.bundled()).toString(); // the distribution's copy: no registry needed
        }
        return node.spec();
    }

    // ---------------------------------------------------------------- update and uninstall

    /**
     * Probes mounted server or npm pack {@code id}, compares what it serves with its pins, and (unless
     * {@code dryRun}) accepts it into rig.lock: changed tools re-pinned, removed ones dropped, new ones
     * disabled unless {@code enableNew} or named in {@code enable}. A server of rig.yaml without pins gets
     * all its tools pinned, enabled.
     *
     * @throws RigException when the server does not start, {@code enable} names a tool it does not serve, or
     *     {@code id} is neither a server nor an npm pack
     */
    public MountChange update(String id, boolean dryRun, boolean enableNew, Set<String> enable) {
        LockFile lock = lock();
        LockedPack locked = lock.pack(id).orElse(null);
        McpServerSettings server = config.mcpServers().get(id);
        ServerProbe.Served served;
        if (server != null) {
            if (locked != null && !locked.runtime().equals(LockedPack.MCP)) {
                throw new RigException(ErrorType.CONFLICT, "'" + id + "' is both mcp_servers." + id + " in rig.yaml and a "
                        + locked.runtime() + " pack in rig.lock", "`rig uninstall " + id + "` one of them");
            }
            served = probe.probe(config, id, null);
        } else if (locked != null && locked.runtime().equals(LockedPack.NODE)) {
            if (!Files.isDirectory(nodeDirectory().resolve(id).resolve("node_modules").resolve(locked.packageName()))) {
                throw new RigException(ErrorType.NOT_FOUND, "npm pack " + id + " is in rig.lock but not installed here",
                        "`rig install` installs what rig.lock pins");
            }
            served = probe.probe(config, id, locked.packageName());
        } else if (locked != null && locked.runtime().equals(LockedPack.MCP)) {
            throw new RigException(ErrorType.NOT_FOUND, "mcp_servers." + id + " is no longer in rig.yaml, only its pins"
                    + " in rig.lock", "`rig uninstall " + id + "` removes the pins");
        } else {
            throw new RigException(ErrorType.NOT_FOUND, "'" + id + "' is neither a server under mcp_servers: nor an npm"
                    + " pack in rig.lock", "`rig packs` lists the installed packs");
        }
        TreeSet<String> unknown = new TreeSet<>(enable);
        unknown.removeAll(served.tools().keySet());
        if (!unknown.isEmpty()) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "--enable " + String.join(", ", unknown) + ": " + id
                    + " serves no such tool", id + " serves " + String.join(", ", served.tools().keySet()));
        }
        SortedMap<String, PinnedTool> pins = locked == null ? new TreeMap<>() : locked.tools();
        List<ToolPinning.Change> tools = ToolPinning.diff(pins, served.tools(), enableNew, enable);
        SortedMap<String, PinnedTool> accepted = ToolPinning.accept(pins, served.tools(), enableNew, enable);
        LockedPack next = server != null
                ? new LockedPack(id, server.target(), served.version(), LockedPack.MCP, null,
                        locked == null ? clock.instant() : locked.installedAt(), transport(server), List.of(), accepted)
                : locked.withTools(accepted);
        List<String> enabled = tools.stream().filter(t -> t.kind() == ToolPinning.Kind.UNCHANGED && t.enabled()
                && !pins.get(t.tool()).enabled()).map(ToolPinning.Change::tool).toList();
        boolean changed = locked == null || !next.equals(locked);
        if (changed && !dryRun) {
            write(lock.with(next, rigVersion, clock.instant()));
        }
        return new MountChange(id, next.runtime(), changed ? MountChange.Action.UPDATED : MountChange.Action.UNCHANGED,
                next.packageName(), next.source(), locked == null ? null : locked.version(), next.version(),
                next.runtime().equals(LockedPack.NODE) ? next.integrity() : null, tools, enabled, served.risks(),
                List.of());
    }

    /** The ids {@code rig update} without arguments reviews: every server of rig.yaml and every npm pack of rig.lock. */
    public List<String> mountedIds() {
        TreeSet<String> ids = new TreeSet<>(config.mcpServers().keySet());
        lock().packs().values().stream().filter(p -> p.runtime().equals(LockedPack.NODE))
                .forEach(p -> ids.add(p.packId()));
        return List.copyOf(ids);
    }

    /**
     * Removes mounted server {@code id} (its {@code mcp_servers:} entry and its pins) or npm pack {@code id}
     * (its {@code packs:} entry, its lock entry and {@code .rig/node/<id>/}).
     */
    public MountChange uninstall(String id) {
        LockFile lock = lock();
        LockedPack locked = lock.pack(id).orElse(null);
        McpServerSettings server = config.mcpServers().get(id);
        List<String> notes = new ArrayList<>();
        if (server != null || locked != null && locked.runtime().equals(LockedPack.MCP)) {
            if (locked != null && !locked.runtime().equals(LockedPack.MCP)) {
                throw new RigException(ErrorType.CONFLICT, "'" + id + "' is both mcp_servers." + id + " in rig.yaml and a "
                        + locked.runtime() + " pack in rig.lock", "remove mcp_servers." + id + " from rig.yaml by hand");
            }
            if (server != null) {
                notes.add(McpServersEditor.remove(requireSource(), id).summary());
            }
            if (locked != null) {
                write(lock.without(id, rigVersion, clock.instant()));
            }
            return new MountChange(id, LockedPack.MCP, MountChange.Action.REMOVED,
                    server != null ? server.target() : locked.packageName(), server != null ? transport(server)
                    : locked.source(), locked == null ? null : locked.version(), null, null, List.of(), List.of(),
                    Map.of(), notes);
        }
        if (locked == null || !locked.runtime().equals(LockedPack.NODE)) {
            throw new RigException(ErrorType.NOT_FOUND, "'" + id + "' is neither a server under mcp_servers: nor an npm"
                    + " pack in rig.lock", "`rig packs` lists the installed packs");
        }
        if (config.source() != null) {
            notes.add(RigYamlEditor.disable(config.source(), id).summary());
        }
        write(lock.without(id, rigVersion, clock.instant()));
        Installer.deleteTree(nodeDirectory().resolve(id));
        return new MountChange(id, LockedPack.NODE, MountChange.Action.REMOVED, locked.packageName(), locked.source(),
                locked.version(), null, locked.integrity(), List.of(), List.of(), Map.of(), notes);
    }

    // ---------------------------------------------------------------- helpers

    /** Where npm pack {@code id} is installed: {@code .rig/node/<id>/}, holding package.json, package-lock.json, node_modules/. */
    public static Path nodeHome(Path workingDirectory, String id) {
        return workingDirectory.resolve(NODE_DIRECTORY).resolve(id);
    }

    /**
     * The integrity npm recorded for the package installed in {@code home}, or why there is none: what
     * {@code rig verify} compares with rig.lock.
     */
    public static String installedIntegrity(Path home, String packageName) {
        Npm.Installed installed = Npm.installed(home).orElseThrow(() -> new RigException(ErrorType.NOT_FOUND,
                "nothing is installed in " + home, "`rig install` installs what rig.lock pins"));
        if (!installed.name().equals(packageName)) {
            throw new RigException(ErrorType.CONFLICT, home + " holds " + installed.name() + ", not " + packageName,
                    "`rig install --force` installs the locked package again");
        }
        return installed.integrity();
    }

    private Path nodeDirectory() {
        return config.workingDirectory().resolve(NODE_DIRECTORY);
    }

    private MountChange change(LockedPack locked, MountChange.Action action, List<String> notes) {
        return new MountChange(locked.packId(), locked.runtime(), action, locked.packageName(), locked.source(),
                locked.version(), locked.version(), locked.integrity(), List.of(), List.of(), Map.of(), notes);
    }

    private static String transport(McpServerSettings server) {
        return server.isStdio() ? "stdio" : "http";
    }

    private Path requireSource() {
        if (config.source() == null) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "no rig.yaml in " + config.workingDirectory(),
                    "run `rig init` there first");
        }
        return config.source();
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "'" + id + "' is not a pack id",
                    "an id is lower-case letters, digits, - and _ (at most 64), such as files or github");
        }
    }

    private static void checkFrozen(Options options, String id) {
        if (options.frozen()) {
            throw new RigException(ErrorType.CONFLICT, id + " would change rig.lock, and --frozen forbids that",
                    "run without --frozen, and commit the new rig.lock");
        }
    }

    /** {@code config} run from {@code workingDirectory} with {@code servers} as its mcp_servers. */
    private static RigConfig copy(RigConfig config, Path workingDirectory, Map<String, McpServerSettings> servers) {
        return new RigConfig(workingDirectory, config.source(), config.packSetVersion(), config.packs(), config.server(),
                config.policy(), config.approvalTtl(), config.database(), config.secretsFile(), config.packsDirectory(),
                config.mcp(), config.bundledPacks(), config.repositories(), servers, config.canary());
    }

    private void write(LockFile lock) {
        try {
            lock.write(config.lockFile());
        } catch (IOException e) {
            throw new RigException(ErrorType.INTERNAL_ERROR, "cannot write " + config.lockFile() + ": " + e.getMessage(),
                    "check the disk and permissions");
        }
    }

    private static Optional<byte[]> bytes(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Puts {@code file} back as it was: its old bytes, or no file. */
    private static void putBack(Path file, Optional<byte[]> bytes) {
        try {
            if (bytes.isPresent()) {
                dev.rig.core.files.AtomicFile.write(file, bytes.get());
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + file, e);
        }
    }

    /**
     * A staging directory {@code .rig/node/.staging-<id>-*} laid out like a workspace (its npm prefix is
     * {@code <root>/.rig/node/<id>}), so the Node runner serves the staged package exactly as it will serve
     * the installed one. Closing it deletes it, and the {@code .rig} directories it created when nothing was
     * moved out of it.
     */
    private static final class Staging implements AutoCloseable {

        private final Path root;
        private final Path created;
        private boolean moved;

        private Staging(Path root, Path created) {
            this.root = root;
            this.created = created;
        }

        static Staging create(Path nodeDirectory, String id) {
            Path created = firstMissing(nodeDirectory);
            try {
                Files.createDirectories(nodeDirectory);
                return new Staging(Files.createTempDirectory(nodeDirectory, ".staging-" + id + "-"), created);
            } catch (IOException e) {
                throw new RigException(ErrorType.INTERNAL_ERROR, "cannot create a staging directory in " + nodeDirectory
                        + ": " + e.getMessage(), "check that the workspace is writable");
            }
        }

        Path root() {
            return root;
        }

        Path prefix(String id) {
            return nodeHome(root, id);
        }

        /**
         * Moves the staged prefix to {@code .rig/node/<id>/} (the old one set aside), then runs {@code commit};
         * when that fails, the old directory is put back.
         */
        void moveInto(String id, Runnable commit) {
            Path nodeDirectory = root.getParent();
            Path home = nodeDirectory.resolve(id);
            Path aside = null;
            try {
                if (Files.exists(home)) {
                    aside = Files.createTempDirectory(nodeDirectory, ".old-" + id + "-").resolve("old");
                    move(home, aside);
                }
                move(prefix(id), home);
                moved = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the staged " + id + " into " + home, e);
            }
            try {
                commit.run();
            } catch (RuntimeException e) {
                Installer.deleteTree(home);
                if (aside != null) {
                    try {
                        move(aside, home);
                    } catch (IOException restoring) {
                        e.addSuppressed(restoring);
                    }
                }
                throw e;
            } finally {
                if (aside != null) {
                    Installer.deleteTree(aside.getParent());
                }
            }
        }

        @Override
        public void close() {
            Installer.deleteTree(root);
            if (!moved && created != null) {
                try (Stream<Path> left = Files.list(root.getParent())) {
                    if (left.findAny().isEmpty()) {
                        Installer.deleteTree(created);
                    }
                } catch (IOException e) {
                    // leave the empty directories
                }
            }
        }

        private static Path firstMissing(Path dir) {
            Path missing = null;
            for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
                missing = p;
            }
            return missing;
        }

        private static void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to);
            }
        }
    }
}
