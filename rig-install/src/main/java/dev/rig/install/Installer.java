package dev.rig.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedJar;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.PackIntegrity;
import dev.rig.core.snapshot.Impact;
import dev.rig.core.snapshot.ShapeChange;
import dev.rig.core.snapshot.ShapeDiff;
import dev.rig.core.snapshot.SnapshotStore;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Installs, updates and removes a workspace's packs: {@code .rig/packs/<id>/<version>/},
 * {@code rig.lock} and the {@code packs:} section of {@code rig.yaml} change together or not at all.
 *
 * <p>Every pack of a command is resolved, copied into a staging directory under the packs
 * directory, hashed, and loaded once in a class loader of its own (to learn its id and tools) before
 * anything of the workspace changes; a failure on any of them removes the staging directory and
 * leaves the workspace as it was. Then the staged directories are moved into place, the lock is
 * written (atomically), and rig.yaml is edited. A pack that is in the lock is reinstalled at exactly
 * its locked version, and its jars must hash as the lock says.
 */
public final class Installer {

    private final RigConfig config;
    private final PackResolver resolver;
    private final Supplier<IndexReading> index;
    private final String rigVersion;
    private final InstantSource clock;
    private final Consumer<String> notices;
    private final PackStaging staging;

    /**
     * @param index the pack index, read only when a command names a pack by id
     * @param notices told what happens, one sentence at a time (for stderr)
     */
    public Installer(RigConfig config, PackResolver resolver, Supplier<IndexReading> index, String rigVersion,
                     InstantSource clock, Consumer<String> notices) {
        this.config = Objects.requireNonNull(config, "config");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.index = Objects.requireNonNull(index, "index");
        this.rigVersion = Objects.requireNonNull(rigVersion, "rigVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.staging = new PackStaging(config, resolver, notices);
    }

    /** Options of {@code rig install}. */
    public record InstallOptions(boolean force, boolean frozen, boolean dryRun, boolean enable) {}

    /**
     * Options of {@code rig update}: {@code allowBreaking} applies changes that break callers (refused
     * otherwise); {@code enableNew} serves the tools an update adds at once (held back otherwise);
     * {@code canaryPercent} above 0 installs the new versions beside the current ones and returns the
     * candidate lock instead of changing rig.lock.
     */
    public record UpdateOptions(boolean dryRun, boolean allowBreaking, boolean enableNew, int canaryPercent) {

        public boolean canary() {
            return canaryPercent > 0;
        }
    }

    /** What an update did; {@code candidate} is the pack set to try as a canary (null unless asked for). */
    public record Update(List<PackChange> changes, LockFile candidate) {

        public Update {
            changes = List.copyOf(changes);
        }
    }

    /** The lock of the workspace, or an empty one. */
    public LockFile lock() {
        return LockFile.read(config.lockFile()).orElseGet(() -> LockFile.empty(rigVersion, clock.instant()));
    }

    /**
     * Installs {@code specs}; with none, installs every pack of rig.lock at its locked version.
     *
     * @throws RigException when any pack cannot be installed; then nothing changed
     */
    public List<PackChange> install(List<PackSpec> specs, InstallOptions options) {
        LockFile lock = lock();
        List<PackSpec> wanted = specs.isEmpty()
                ? lock.packs().values().stream().filter(p -> p.runtime().equals(LockedPack.JAVA))
                        .map(p -> new PackSpec(p.packId(), null, null, p.version())).toList()
                : specs;
        List<PackChange> changes = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PackSpec spec : wanted) {
            Target target = target(spec, lock, options);
            if (!seen.add(target.key())) {
                continue;
            }
            if (target.locked() != null && target.locked().version().equals(target.version()) && !options.force()) {
                List<String> differences = PackIntegrity.check(
                        PackIntegrity.directory(config.packsDirectory(), target.locked()), target.locked());
                if (differences.isEmpty()) {
                    changes.add(new PackChange(target.locked().packId(), PackChange.Action.ALREADY_INSTALLED,
                            target.locked().packageName(), target.version(), target.version(),
                            target.locked().source(), target.locked().jars().size(), bytes(target.locked()), List.of(),
                            List.of()));
                    continue;
                }
                notices.accept(target.locked().packId() + " " + target.version() + " is in rig.lock but its files "
                        + "differ (" + differences.get(0) + "): installing it again from the lock");
            }
            targets.add(target);
        }
        return apply(targets, changes, options.dryRun(), options.enable(), lock, null).changes();
    }

    /**
     * Moves every locked pack (or those in {@code ids}) to the newest version the index (or, for packs
     * installed by coordinates, the repositories) offer, showing the tool-shape changes. The candidates
     * must meet the pack contract ({@link ContractCheck}); an update that breaks callers is refused
     * unless {@code allowBreaking}. The versions replaced stay on disk: they are the previous snapshot a
     * rollback returns to.
     *
     * @throws RigException when a candidate cannot be fetched, breaks its contract, or breaks callers
     *     without {@code allowBreaking}; nothing changed then
     */
    public Update update(List<String> ids, UpdateOptions options) {
        LockFile lock = lock();
        List<LockedPack> packs = new ArrayList<>();
        for (String id : ids) {
            LockedPack pack = lock.pack(id).orElseThrow(() -> notInstalled(id, lock));
            if (!pack.runtime().equals(LockedPack.JAVA)) {
                throw new RigException(ErrorType.VALIDATION_ERROR, "pack '" + id + "' is a mounted " + pack.runtime()
                        + " pack, not a Java one", "`rig update " + id + "` reviews its tools");
            }
            packs.add(pack);
        }
        if (ids.isEmpty()) {
            lock.packs().values().stream().filter(p -> p.runtime().equals(LockedPack.JAVA)).forEach(packs::add);
        }
        List<PackChange> changes = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        for (LockedPack pack : packs) {
            String newest = newestVersion(pack);
            if (newest.equals(pack.version())) {
                changes.add(new PackChange(pack.packId(), PackChange.Action.UP_TO_DATE, pack.packageName(),
                        pack.version(), pack.version(), pack.source(), pack.jars().size(), bytes(pack), List.of(),
                        List.of()));
                continue;
            }
            String[] ga = pack.packageName().split(":", 2);
            targets.add(new Target(pack.packId(), ga[0], ga[1], newest, pack, false));
        }
        return apply(targets, changes, options.dryRun(), false, lock, options);
    }

    /**
     * Serves the held-back tools {@code tools} of installed pack {@code id} (tools an update brought):
     * rig.lock forgets they were held back.
     *
     * @return the tools enabled
     * @throws RigException {@code not_found} naming the held-back tools when one of {@code tools} is not
     */
    public List<String> enable(String id, Set<String> tools) {
        LockFile lock = lock();
        LockedPack pack = lock.pack(id).orElseThrow(() -> notInstalled(id, lock));
        for (String tool : tools) {
            if (!pack.disabledTools().contains(tool)) {
                throw new RigException(ErrorType.NOT_FOUND, "tool " + tool + " of pack " + id + " is not held back"
                        + (pack.disabledTools().isEmpty() ? " (none is)" : " (held back: "
                        + String.join(", ", pack.disabledTools()) + ")"), "`rig packs` shows the packs' tools");
            }
        }
        Set<String> still = new TreeSet<>(pack.disabledTools());
        still.removeAll(tools);
        write(lock.with(pack.withDisabledTools(still), rigVersion, clock.instant()));
        return List.copyOf(new TreeSet<>(tools));
    }

    /** Removes each pack of {@code ids}: its files, its lock entry and its rig.yaml entry. */
    public List<PackChange> uninstall(List<String> ids) {
        LockFile lock = lock();
        List<LockedPack> packs = new ArrayList<>();
        for (String id : ids) {
            LockedPack pack = lock.pack(id).orElseThrow(() -> notInstalled(id, lock));
            if (!pack.runtime().equals(LockedPack.JAVA)) {
                throw new IllegalArgumentException("pack " + id + " is a " + pack.runtime() + " pack: MountInstaller"
                        + " uninstalls it");
            }
            packs.add(pack);
        }
        LockFile next = lock;
        Instant now = clock.instant();
        for (LockedPack pack : packs) {
            next = next.without(pack.packId(), rigVersion, now);
        }
        write(next);
        List<PackChange> changes = new ArrayList<>();
        for (LockedPack pack : packs) {
            deleteTree(config.packsDirectory().resolve(pack.packId()));
            List<String> notes = new ArrayList<>();
            if (config.source() != null) {
                notes.add(RigYamlEditor.disable(config.source(), pack.packId()).summary());
            }
            changes.add(new PackChange(pack.packId(), PackChange.Action.REMOVED, pack.packageName(), pack.version(),
                    null, pack.source(), pack.jars().size(), bytes(pack), List.of(), notes));
        }
        return changes;
    }

    private record Target(String packId, String groupId, String artifactId, String version, LockedPack locked,
                          boolean fromIndex) {

        String key() {
            return packId != null ? packId : groupId + ":" + artifactId;
        }

        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }

        /** Reinstalling exactly what the lock holds: the bytes must match it. */
        boolean reproducesLock() {
            return locked != null && locked.version().equals(version);
        }
    }

    private Target target(PackSpec spec, LockFile lock, InstallOptions options) {
        if (spec.isCoordinates()) {
            LockedPack locked = lock.packs().values().stream()
                    .filter(p -> p.packageName().equals(spec.packageName())).findFirst().orElse(null);
            String version = spec.version() != null ? spec.version()
                    : locked != null ? locked.version() : newest(spec.groupId(), spec.artifactId());
            checkFrozen(options, locked, spec.toString(), version);
            return new Target(locked == null ? null : locked.packId(), spec.groupId(), spec.artifactId(), version,
                    locked, false);
        }
        LockedPack locked = lock.pack(spec.id()).orElse(null);
        if (locked != null && !locked.runtime().equals(LockedPack.JAVA)) {
            throw new RigException(ErrorType.CONFLICT, "pack '" + spec.id() + "' is installed as a " + locked.runtime()
                    + " pack (" + locked.packageName() + "), not a Java one", "`rig uninstall " + spec.id()
                    + "` first to install the Java pack instead");
        }
        if (locked != null && (spec.version() == null || spec.version().equals(locked.version()))) {
            String[] ga = locked.packageName().split(":", 2);
            return new Target(spec.id(), ga[0], ga[1], locked.version(), locked, false);
        }
        checkFrozen(options, locked, spec.toString(), spec.version());
        IndexReading reading = index.get();
        IndexEntry entry = reading.index().entry(spec.id()).orElseThrow(() -> new RigException(ErrorType.NOT_FOUND,
                "no pack '" + spec.id() + "' in the index " + reading.url() + " (it lists "
                        + String.join(", ", reading.index().packs().keySet()) + ")",
                "`rig packs --available` lists them; a pack outside the index installs by Maven coordinates: "
                        + "rig install groupId:artifactId:version"));
        JavaPackage java = entry.java();
        if (java == null) {
            throw new RigException(ErrorType.NOT_FOUND, "pack '" + spec.id() + "' has no Java package in the index "
                    + reading.url() + " (only Python or Node ones)", "ask its authors for a Java build of it");
        }
        String version = spec.version() != null ? spec.version() : java.version();
        if (version.equals(java.version())) {
            entry.requireRig(rigVersion);
        }
        if (locked != null && !locked.packageName().equals(java.groupId() + ":" + java.artifactId())) {
            throw new RigException(ErrorType.CONFLICT, "pack '" + spec.id() + "' is installed from "
                    + locked.packageName() + " but the index names " + java.groupId() + ":" + java.artifactId(),
                    "`rig uninstall " + spec.id() + "` first to switch to the index's package");
        }
        return new Target(spec.id(), java.groupId(), java.artifactId(), version, locked, true);
    }

    private static void checkFrozen(InstallOptions options, LockedPack locked, String what, String version) {
        if (!options.frozen()) {
            return;
        }
        if (locked == null) {
            throw new RigException(ErrorType.CONFLICT, what + " is not in rig.lock, and --frozen forbids changing it",
                    "run without --frozen to add it, and commit the new rig.lock");
        }
        if (version != null && !version.equals(locked.version())) {
            throw new RigException(ErrorType.CONFLICT, what + " would change rig.lock (" + locked.packId() + " "
                    + locked.version() + " → " + version + "), and --frozen forbids that",
                    "run without --frozen, or install the locked version");
        }
    }

    private String newest(String groupId, String artifactId) {
        List<String> versions = resolver.versions(groupId, artifactId);
        if (versions.isEmpty()) {
            throw new RigException(ErrorType.NOT_FOUND, "no version of " + groupId + ":" + artifactId
                    + " in the repositories", "check the coordinates, or name a version: " + groupId + ":"
                    + artifactId + ":<version>");
        }
        return versions.get(versions.size() - 1);
    }

    private String newestVersion(LockedPack pack) {
        Optional<JavaPackage> java = Optional.empty();
        try {
            java = index.get().index().entry(pack.packId()).map(IndexEntry::java)
                    .filter(j -> pack.packageName().equals(j.groupId() + ":" + j.artifactId()));
        } catch (RigException e) {
            notices.accept("index unavailable (" + e.getMessage() + "); asking the repositories for " + pack.packId());
        }
        if (java.isPresent()) {
            return java.get().version();
        }
        String[] ga = pack.packageName().split(":", 2);
        return newest(ga[0], ga[1]);
    }

    /**
     * Stages {@code targets}, then (unless a dry run) installs them; {@code update} is null for an
     * install, else the update's options (contracts checked, breaking changes refused, canary).
     */
    private Update apply(List<Target> targets, List<PackChange> unchanged, boolean dryRun, boolean enable,
                         LockFile lock, UpdateOptions update) {
        List<StagedPack> staged = new ArrayList<>();
        Path created = firstMissing(config.packsDirectory());
        boolean committed = false;
        try {
            for (Target target : targets) {
                staged.add(stage(target, lock));
            }
            checkDistinctIds(staged);
            List<PackChange> changes = new ArrayList<>(unchanged);
            for (int i = 0; i < staged.size(); i++) {
                changes.add(change(targets.get(i), staged.get(i), update != null && update.enableNew()));
            }
            if (update != null) {
                checkContracts(staged);
                if (!dryRun && !update.allowBreaking()) {
                    refuseBreaking(changes, update);
                }
            }
            LockFile candidate = null;
            if (!dryRun && !staged.isEmpty()) {
                // Under the snapshot history's lock: a gateway pruning pack versions no role needs must not
                // see a version moved into place before rig.lock (or the canary's roles) name it.
                candidate = SnapshotStore.of(config.workingDirectory()).locked(() -> {
                    if (update != null && update.canary()) {
                        return place(targets, staged, lock, changes, update.enableNew());
                    }
                    commit(targets, staged, lock, enable, changes, update != null && update.enableNew());
                    return null;
                });
                committed = true;
            }
            return new Update(changes, candidate);
        } finally {
            staged.forEach(s -> deleteTree(s.directory()));
            if (!committed && created != null) {
                deleteTree(created);
            }
        }
    }

    private StagedPack stage(Target target, LockFile lock) {
        StagedPack staged = staging.stage(target.groupId(), target.artifactId(), target.version(), target.packId());
        try {
            if (target.reproducesLock()) {
                requireLockedBytes(target.locked(), staged);
            }
            if (target.packId() == null && lock.pack(staged.packId()).isPresent()) {
                throw new RigException(ErrorType.CONFLICT, target.coordinates() + " holds pack '" + staged.packId()
                        + "', which is installed already from " + lock.pack(staged.packId()).get().packageName(),
                        "`rig uninstall " + staged.packId() + "` first");
            }
            return staged;
        } catch (RuntimeException e) {
            deleteTree(staged.directory());
            throw e;
        }
    }

    private static void requireLockedBytes(LockedPack locked, StagedPack staged) {
        Map<String, String> expected = new LinkedHashMap<>();
        locked.jars().forEach(j -> expected.put(j.file(), j.sha256()));
        Map<String, String> actual = new LinkedHashMap<>();
        staged.jars().forEach(j -> actual.put(j.file(), j.sha256()));
        if (!expected.equals(actual)) {
            List<String> differences = new ArrayList<>();
            for (LockedJar jar : staged.jars()) {
                String want = expected.get(jar.file());
                if (want == null) {
                    differences.add(jar.file() + " is not in rig.lock");
                } else if (!want.equals(jar.sha256())) {
                    differences.add(jar.file() + " has sha256 " + jar.sha256() + ", rig.lock says " + want);
                }
            }
            expected.keySet().stream().filter(f -> !actual.containsKey(f))
                    .forEach(f -> differences.add(f + " is in rig.lock but was not resolved"));
            throw new RigException(ErrorType.CONFLICT, "the repositories serve " + locked.coordinates()
                    + " with other bytes than rig.lock records: " + String.join("; ", differences),
                    "if you trust the new bytes, `rig install --force " + locked.packId() + "` relocks them");
        }
    }

    private static void checkDistinctIds(List<StagedPack> staged) {
        Set<String> ids = new HashSet<>();
        for (StagedPack pack : staged) {
            if (!ids.add(pack.packId())) {
                throw new RigException(ErrorType.CONFLICT, "two of the packs asked for are pack '" + pack.packId()
                        + "'", "install one of them");
            }
        }
    }

    private PackChange change(Target target, StagedPack staged, boolean enableNew) {
        List<String> toolChanges = List.of();
        ShapeDiff shape = null;
        List<String> notes = new ArrayList<>(staged.problems());
        PackChange.Action action = PackChange.Action.INSTALLED;
        if (target.locked() != null) {
            if (target.reproducesLock()) {
                action = PackChange.Action.RESTORED;
            } else {
                action = PackChange.Action.UPDATED;
                shape = ShapeDiff.between(installedTools(target.locked()), staged.tools());
                toolChanges = shape.lines();
                for (String tool : addedTools(shape)) {
                    notes.add(enableNew ? "new tool " + tool + " is served at once (--enable-new)"
                            : "new tool " + tool + " is held back until `rig update " + staged.packId() + " --enable "
                            + tool + "` (or update with --enable-new)");
                }
            }
        }
        return new PackChange(staged.packId(), action, staged.packageName(),
                target.locked() == null ? null : target.locked().version(), staged.version(), staged.source(),
                staged.jars().size(), staged.bytes(), toolChanges, notes, shape);
    }

    private static List<String> addedTools(ShapeDiff shape) {
        return shape.changes().stream().filter(c -> c.kind().equals("tool_added")).map(ShapeChange::tool).toList();
    }

    /** The tools of {@code staged} to hold back: those held back before and still there, and, unless enabled, the new ones. */
    private static Set<String> heldBack(LockedPack before, StagedPack staged, PackChange change, boolean enableNew) {
        Set<String> held = new TreeSet<>();
        if (before != null) {
            before.disabledTools().stream().filter(staged.tools()::containsKey).forEach(held::add);
        }
        if (change.shape() != null && !enableNew) {
            held.addAll(addedTools(change.shape()));
        }
        return held;
    }

    private static void checkContracts(List<StagedPack> staged) {
        for (StagedPack pack : staged) {
            List<String> violations = new ArrayList<>(pack.problems());
            violations.addAll(ContractCheck.violations(pack.tools()));
            if (!violations.isEmpty()) {
                throw new RigException(ErrorType.VALIDATION_ERROR, pack.packId() + " " + pack.version()
                        + " does not meet the pack contract, so it cannot serve calls: "
                        + String.join("; ", violations.subList(0, Math.min(5, violations.size())))
                        + (violations.size() > 5 ? "; and " + (violations.size() - 5) + " more" : ""),
                        "nothing was changed; tell the pack's authors (their PackContract test shows the same)");
            }
        }
    }

    private static void refuseBreaking(List<PackChange> changes, UpdateOptions options) {
        List<String> lines = new ArrayList<>();
        for (PackChange change : changes) {
            if (change.breaking()) {
                change.shape().of(Impact.BREAKING).forEach(c -> lines.add(change.packId() + " " + change.fromVersion()
                        + " → " + change.toVersion() + ": " + c.tool() + " " + c.location() + ": " + c.detail()));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        throw new RigException(ErrorType.CONFLICT, "the update breaks callers (" + lines.size() + " breaking change"
                + (lines.size() == 1 ? "" : "s") + "): " + String.join("; ", lines.subList(0, Math.min(5, lines.size())))
                + (lines.size() > 5 ? "; ..." : ""), "nothing was changed; `rig update --dry-run` lists every change",
                "--allow-breaking " + (options.canary() ? "starts the canary" : "applies it") + " anyway"
                        + (options.canary() ? "" : "; with --canary 10 only 10% of tenants see it first"));
    }

    /**
     * Puts the staged packs of a canary in place beside the installed versions, without touching
     * rig.lock: the returned lock (rig.lock with the new versions) is the canary's pack set. Call
     * {@code Rollout.requestCanary} with it while still holding the history's lock, or a gateway may
     * prune the new versions first.
     */
    private LockFile place(List<Target> targets, List<StagedPack> staged, LockFile lock, List<PackChange> changes,
                           boolean enableNew) {
        Instant now = clock.instant();
        LockFile next = lock;
        for (int i = 0; i < staged.size(); i++) {
            StagedPack pack = staged.get(i);
            Path home = config.packsDirectory().resolve(pack.packId());
            Path destination = home.resolve(pack.version());
            try {
                Files.createDirectories(home);
                if (Files.exists(destination)) {
                    deleteTree(destination); // left by an earlier canary of this version: the staged bytes replace it
                }
                move(pack.directory(), destination);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + pack.packId() + " into " + destination, e);
            }
            PackChange change = changeOf(changes, pack.packId());
            next = next.with(new LockedPack(pack.packId(), pack.packageName(), pack.version(), LockedPack.JAVA, null,
                    now, pack.source(), pack.jars(), null).withDisabledTools(heldBack(targets.get(i).locked(), pack,
                    change, enableNew)), rigVersion, now);
        }
        return next;
    }

    private static PackChange changeOf(List<PackChange> changes, String packId) {
        return changes.stream().filter(c -> packId.equals(c.packId()) && c.action() != PackChange.Action.UP_TO_DATE)
                .reduce((a, b) -> b).orElseThrow();
    }

    /** The tools of installed pack {@code locked} (RTP ToolDef JSON by name); empty when its files differ from the lock. */
    public Map<String, JsonNode> installedTools(LockedPack locked) {
        return staging.installedTools(locked);
    }

    private void commit(List<Target> targets, List<StagedPack> staged, LockFile lock, boolean enable,
                        List<PackChange> changes, boolean enableNew) {
        Instant now = clock.instant();
        LockFile next = lock;
        List<Path> obsolete = new ArrayList<>();
        for (int i = 0; i < staged.size(); i++) {
            StagedPack pack = staged.get(i);
            Target target = targets.get(i);
            Path home = config.packsDirectory().resolve(pack.packId());
            Path destination = home.resolve(pack.version());
            try {
                Files.createDirectories(home);
                if (Files.exists(destination)) {
                    Path aside = Files.createTempDirectory(config.packsDirectory(), PackStaging.PREFIX);
                    move(destination, aside.resolve("old"));
                    obsolete.add(aside);
                }
                move(pack.directory(), destination);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + pack.packId() + " into " + destination, e);
            }
            // The version replaced stays: it is the previous snapshot's, and a rollback needs its jars.
            // The gateway prunes versions no snapshot role needs once it has recorded the new one.
            Instant installedAt = target.reproducesLock() ? target.locked().installedAt() : now;
            LockedPack locked = new LockedPack(pack.packId(), pack.packageName(), pack.version(), LockedPack.JAVA,
                    null, installedAt, pack.source(), pack.jars(), null);
            if (target.locked() != null) {
                locked = locked.withDisabledTools(target.reproducesLock() ? target.locked().disabledTools()
                        : heldBack(target.locked(), pack, changeOf(changes, pack.packId()), enableNew));
            }
            next = next.with(locked, rigVersion, now);
        }
        if (targets.stream().anyMatch(Target::fromIndex)) {
            try {
                IndexReading reading = index.get();
                next = next.withIndex(reading.url(), reading.index().generatedAt());
            } catch (RigException e) {
                // the index was read before staging; a failure now only loses the record of it
            }
        }
        if (!next.packs().equals(lock.packs())) {
            write(next);
        }
        obsolete.forEach(Installer::deleteTree);
        if (enable && config.source() != null) {
            for (int i = 0; i < changes.size(); i++) {
                PackChange change = changes.get(i);
                if (change.action() != PackChange.Action.INSTALLED) {
                    continue;
                }
                List<String> notes = new ArrayList<>(change.notes());
                try {
                    notes.add(RigYamlEditor.enable(config.source(), change.packId()).summary());
                } catch (RigException e) {
                    notes.add("installed, but not enabled: " + e.getMessage());
                }
                changes.set(i, new PackChange(change.packId(), change.action(), change.packageName(),
                        change.fromVersion(), change.toVersion(), change.source(), change.jars(), change.bytes(),
                        change.toolChanges(), notes));
            }
        }
    }

    private void write(LockFile lock) {
        try {
            lock.write(config.lockFile());
        } catch (IOException e) {
            throw new RigException(ErrorType.INTERNAL_ERROR, "cannot write " + config.lockFile() + ": "
                    + e.getMessage(), "check the disk and permissions");
        }
    }

    /** The outermost directory of {@code dir}'s path that does not exist yet, or null when {@code dir} exists. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    private static long bytes(LockedPack pack) {
        return pack.jars().stream().mapToLong(LockedJar::size).sum();
    }

    private static RigException notInstalled(String id, LockFile lock) {
        return new RigException(ErrorType.NOT_FOUND, "pack '" + id + "' is not installed"
                + (lock.packs().isEmpty() ? "" : " (installed: " + String.join(", ", lock.packs().keySet()) + ")"),
                "`rig packs` lists the installed packs");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
