package dev.rig.core.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.CorrelationId;
import dev.rig.core.api.RigException;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.AuditLog;
import dev.rig.core.audit.Outcome;
import dev.rig.core.json.CanonicalJson;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.PackIntegrity;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes which snapshot is active, canary or previous, in the files of a workspace: {@code rig.lock}
 * (always the active pack set), {@code .rig/snapshots/roles.json}, and the pack directories that no
 * role needs any more. A running gateway follows the files; the gateway itself uses this class for its
 * automatic rollback, and {@code rig promote} / {@code rig rollback} use it from their own process.
 *
 * <p>Every promotion and rollback is written to the audit log as a call of the reserved tool
 * {@code rig.snapshot.promote}, {@code rig.snapshot.rollback} (or {@code .canary}, {@code .activate})
 * with {@code {from, to, reason}} as its arguments, so {@code rig audit --tool 'rig.snapshot.*'} lists
 * them in the same tamper-evident chain as the calls.
 */
public final class Rollout {

    /** The tenant that role changes are audited under. */
    public static final String AUDIT_TENANT = "system";

    private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);

    private final SnapshotStore store;
    private final Path lockFile;
    private final Path packsDirectory;
    private final AuditLog audit;
    private final InstantSource clock;
    private final String rigVersion;

    /** @param audit where role changes are recorded */
    public Rollout(SnapshotStore store, Path lockFile, Path packsDirectory, AuditLog audit, InstantSource clock,
                   String rigVersion) {
        this.store = Objects.requireNonNull(store, "store");
        this.lockFile = Objects.requireNonNull(lockFile, "lockFile");
        this.packsDirectory = Objects.requireNonNull(packsDirectory, "packsDirectory");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rigVersion = Objects.requireNonNull(rigVersion, "rigVersion");
    }

    /** What a role change did: the event, the snapshot left and the one now in the role, and the roles after. */
    public record Change(String event, String from, String to, String reason, Roles roles) {}

    public SnapshotStore store() {
        return store;
    }

    /**
     * Records {@code active}, built from rig.lock, as the active snapshot: when it is another one than
     * the roles say, the one they named becomes previous ({@code activated}: an install, an applied
     * update, an edit of rig.lock).
     *
     * @return the change, empty when {@code active} was active already
     */
    public Optional<Change> activated(SnapshotRecord active) {
        store.save(active);
        return store.locked(() -> {
            Roles roles = store.roles();
            if (active.id().equals(roles.active())) {
                return Optional.empty();
            }
            String previous = roles.active() != null ? roles.active() : roles.previous();
            String reason = roles.active() == null ? "first snapshot of this workspace"
                    : "rig.lock changed (rig install, rig update --apply, or an edit)";
            Roles next = roles.with(active.id(), previous, roles.canary(), event("activated", active.id(),
                    roles.active(), "rig", reason));
            store.write(next);
            Change change = new Change("activated", roles.active(), active.id(), reason, next);
            if (roles.active() != null) {
                record(change, active.interfaceHash(), "rig"); // the first snapshot replaces nothing
            }
            return Optional.of(change);
        });
    }

    /** Records that the canary was built as {@code record} (from the canary's lock {@code lock}). */
    public void canaryBuilt(SnapshotRecord record, LockFile lock) {
        store.save(record);
        store.locked(() -> {
            Roles roles = store.roles();
            Roles.Canary canary = roles.canary();
            if (canary == null || !canary.lock().packs().equals(lock.packs()) || record.id().equals(canary.snapshot())) {
                return null;
            }
            store.write(roles.with(roles.active(), roles.previous(), canary.built(record.id()),
                    event("canary_started", record.id(), roles.active(), "rig", canary.percent() + "% of tenants")));
            return null;
        });
    }

    /**
     * Puts the pack set {@code candidate} on trial for {@code percent}% of tenants; a running gateway
     * builds it and routes to it.
     *
     * @throws RigException {@code conflict} when a canary is on trial already
     */
    public Change requestCanary(LockFile candidate, int percent, String actor) {
        return store.locked(() -> {
            Roles roles = store.roles();
            if (roles.canary() != null) {
                throw new RigException(ErrorType.CONFLICT, "a canary is on trial already (" + describe(roles.canary())
                        + ")", "`rig promote` or `rig rollback` it first");
            }
            Roles.Canary canary = new Roles.Canary(null, percent, candidate, clock.instant(), actor);
            String reason = percent + "% of tenants";
            Roles next = roles.with(roles.active(), roles.previous(), canary,
                    event("canary_requested", null, roles.active(), actor, reason));
            store.write(next);
            Change change = new Change("canary_requested", roles.active(), null, reason, next);
            record(change, null, actor);
            return change;
        });
    }

    /**
     * Makes the canary the active snapshot: rig.lock becomes its pack set, the active one becomes previous.
     *
     * @throws RigException {@code not_found} when no canary is on trial
     */
    public Change promote(String actor, String reason) {
        return store.locked(() -> {
            Roles roles = store.roles();
            Roles.Canary canary = roles.canary();
            if (canary == null) {
                throw new RigException(ErrorType.NOT_FOUND, "no canary is on trial, so there is nothing to promote"
                        + lastCanaryEnd(roles), "`rig update --canary PERCENT` starts one; `rig snapshot` shows the"
                        + " roles");
            }
            writeLock(canary.lock());
            String why = reason == null ? "promoted by hand" : reason;
            Roles next = roles.with(canary.snapshot(), roles.active(), null,
                    event("promoted", canary.snapshot(), roles.active(), actor, why));
            store.write(next);
            Change change = new Change("promoted", roles.active(), canary.snapshot(), why, next);
            record(change, interfaceHash(canary.snapshot()), actor);
            return change;
        });
    }

    /**
     * Ends the canary when one is on trial (the active snapshot stays); otherwise makes the previous
     * snapshot active again, its jars checked against their sha256 first.
     *
     * @throws RigException {@code not_found} when there is neither; {@code conflict} when the previous
     *     snapshot's files are no longer there as recorded
     */
    public Change rollback(String actor, String reason) {
        return store.locked(() -> {
            Roles roles = store.roles();
            String why = reason == null ? "rolled back by hand" : reason;
            if (roles.canary() != null) {
                Roles next = roles.with(roles.active(), roles.previous(), null,
                        event("canary_rolled_back", roles.canary().snapshot(), roles.active(), actor, why));
                store.write(next);
                    Change change = new Change("canary_rolled_back", roles.canary().snapshot(), roles.active(), why, next);
                record(change, interfaceHash(roles.active()), actor);
                return change;
            }
            if (roles.previous() == null) {
                throw new RigException(ErrorType.NOT_FOUND, "there is no previous snapshot to roll back to"
                        + (roles.active() == null ? "" : " (active: " + roles.active() + ")"),
                        "`rig snapshots` lists the history");
            }
            SnapshotRecord previous = store.find(roles.previous()).orElseThrow(() -> new RigException(
                    ErrorType.NOT_FOUND, "the previous snapshot " + roles.previous() + " is not in "
                    + store.directory(), "`rig snapshots` lists the history"));
            requireFiles(previous);
            writeLock(previous.lock());
            Roles next = roles.with(previous.id(), roles.active(), null,
                    event("rolled_back", previous.id(), roles.active(), actor, why));
            store.write(next);
            Change change = new Change("rolled_back", roles.active(), previous.id(), why, next);
            record(change, previous.interfaceHash(), actor);
            return change;
        });
    }

    /**
     * Ends the canary {@code canaryId} (an automatic rollback); nothing happens when another canary, or
     * none, is on trial by now (someone promoted or rolled it back first).
     */
    public Optional<Change> endCanary(String canaryId, String actor, String reason) {
        return store.locked(() -> {
            Roles roles = store.roles();
            if (roles.canary() == null || !canaryId.equals(roles.canary().snapshot())) {
                return Optional.empty();
            }
            return Optional.of(rollback(actor, reason));
        });
    }

    /**
     * Deletes the pack directories ({@code .rig/packs/<id>/<version>}) that neither rig.lock nor any
     * role needs. Not part of a role change, so that a swap does not wait for the disk: the gateway calls
     * it after publishing, a command after its change.
     */
    public void prune() {
        store.locked(() -> {
            prune(store.roles());
            return null;
        });
    }

    private void prune(Roles roles) {
        Set<String> kept = new HashSet<>();
        List<LockFile> locks = new ArrayList<>();
        LockFile.read(lockFile).ifPresent(locks::add);
        if (roles.canary() != null) {
            locks.add(roles.canary().lock());
        }
        for (String id : new String[] {roles.active(), roles.previous()}) {
            if (id != null) {
                store.find(id).ifPresent(r -> locks.add(r.lock()));
            }
        }
        Set<String> packIds = new HashSet<>();
        for (LockFile lock : locks) {
            for (LockedPack pack : lock.packs().values()) {
                if (pack.runtime().equals(LockedPack.JAVA)) {
                    kept.add(pack.packId() + "/" + pack.version());
                    packIds.add(pack.packId());
                }
            }
        }
        for (String packId : packIds) {
            Path home = packsDirectory.resolve(packId);
            if (!Files.isDirectory(home)) {
                continue;
            }
            try (Stream<Path> versions = Files.list(home)) {
                for (Path version : versions.filter(Files::isDirectory).toList()) {
                    String name = version.getFileName().toString();
                    if (!name.startsWith(".") && !kept.contains(packId + "/" + name)) {
                        deleteTree(version);
                        LOG.atInfo().setMessage("pack files no role needs removed").addKeyValue("pack", packId)
                                .addKeyValue("version", name).log();
                    }
                }
            } catch (IOException e) {
                LOG.atWarn().setMessage("cannot prune pack versions").addKeyValue("pack", packId)
                        .addKeyValue("reason", e.getMessage()).log();
            }
        }
    }

    private void requireFiles(SnapshotRecord previous) {
        for (LockedPack pack : previous.lock().packs().values()) {
            if (!pack.runtime().equals(LockedPack.JAVA)) {
                continue;
            }
            List<String> differences = PackIntegrity.check(PackIntegrity.directory(packsDirectory, pack), pack);
            if (!differences.isEmpty()) {
                throw new RigException(ErrorType.CONFLICT, "cannot roll back to " + previous.id() + ": pack "
                        + pack.packId() + " " + pack.version() + " is no longer installed as it was ("
                        + differences.get(0) + ")", "`rig install " + pack.packId() + "@" + pack.version()
                        + "` installs that version again");
            }
        }
    }

    private void writeLock(LockFile lock) {
        LockFile current = LockFile.read(lockFile).orElse(null);
        Instant now = clock.instant();
        LockFile next = new LockFile(LockFile.FORMAT, rigVersion, lock.indexUrl(), lock.indexGeneratedAt(),
                current == null ? lock.createdAt() : current.createdAt(), now, lock.packs());
        try {
            next.write(lockFile);
        } catch (IOException e) {
            throw new RigException(ErrorType.INTERNAL_ERROR, "cannot write " + lockFile + ": " + e.getMessage(),
                    "check the disk and permissions; nothing else changed");
        }
    }

    private String interfaceHash(String snapshotId) {
        return snapshotId == null ? null : store.find(snapshotId).map(SnapshotRecord::interfaceHash).orElse(null);
    }

    private Roles.Event event(String name, String snapshot, String from, String actor, String reason) {
        return new Roles.Event(clock.instant(), name, snapshot, from, actor, reason);
    }

    private static String lastCanaryEnd(Roles roles) {
        for (int i = roles.history().size() - 1; i >= 0; i--) {
            Roles.Event e = roles.history().get(i);
            if (e.event().equals("canary_rolled_back") || e.event().equals("promoted")) {
                return " (the last canary, " + e.snapshot() + ", was " + e.event().replace("canary_", "").replace('_', ' ')
                        + " at " + e.at() + (e.reason() == null ? "" : ": " + e.reason()) + ")";
            }
        }
        return "";
    }

    private static String describe(Roles.Canary canary) {
        return (canary.snapshot() == null ? "not built yet" : canary.snapshot()) + ", " + canary.percent()
                + "% of tenants, requested at " + canary.requestedAt()
                + (canary.requestedBy() == null ? "" : " by " + canary.requestedBy());
    }

    private void record(Change change, String interfaceHash, String actor) {
        String tool = switch (change.event()) {
            case "promoted" -> "rig.snapshot.promote";
            case "rolled_back", "canary_rolled_back" -> "rig.snapshot.rollback";
            case "canary_requested" -> "rig.snapshot.canary";
            default -> "rig.snapshot.activate";
        };
        ObjectNode args = Json.MAPPER.createObjectNode().put("event", change.event()).put("from", change.from())
                .put("to", change.to()).put("reason", change.reason());
        String json = CanonicalJson.write(args);
        audit.append(new AuditEvent(clock.instant(), AUDIT_TENANT, actor == null ? "anonymous" : actor,
                CorrelationId.next(), tool, CanonicalJson.sha256Hex(json), json, Outcome.OK, 0, null, null, null, null,
                interfaceHash, null));
        LOG.atInfo().setMessage("snapshot roles changed").addKeyValue("event", change.event())
                .addKeyValue("from", change.from()).addKeyValue("to", change.to()).addKeyValue("actor", actor)
                .addKeyValue("reason", change.reason()).log();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
