package dev.rig.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.ApprovalTicket;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.Denial;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolResult;
import dev.rig.core.approval.Approval;
import dev.rig.core.approval.ApprovalStatus;
import dev.rig.core.approval.ApprovalStore;
import dev.rig.core.approval.JdbcApprovalStore;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.AuditLog;
import dev.rig.core.audit.AuditPage;
import dev.rig.core.audit.AuditQuery;
import dev.rig.core.audit.ChainVerification;
import dev.rig.core.audit.JdbcAuditLog;
import dev.rig.core.audit.Outcome;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.pipeline.Pipeline;
import dev.rig.core.policy.Policy;
import dev.rig.core.policy.RetrySchedule;
import dev.rig.core.registry.LoadedPack;
import dev.rig.core.registry.PackLoader;
import dev.rig.core.registry.PackMounts;
import dev.rig.core.registry.PackProblem;
import dev.rig.core.registry.RegisteredTool;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.registry.SnapshotBuilder;
import dev.rig.core.snapshot.CanaryWatch;
import dev.rig.core.snapshot.Roles;
import dev.rig.core.snapshot.Rollout;
import dev.rig.core.snapshot.Routing;
import dev.rig.core.snapshot.SnapshotRecord;
import dev.rig.core.snapshot.SnapshotStore;
import dev.rig.core.secrets.SecretResolver;
import dev.rig.core.secrets.SecretSource;
import dev.rig.core.secrets.SecretsFile;
import dev.rig.core.store.Database;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as edges see it: list tools, call them through the pipeline, decide approvals, read
 * the audit log. Edges (HTTP, MCP, CLI) talk to this and to nothing else in the core.
 *
 * <p><b>Threading:</b> every method is safe to call concurrently; calls run on the caller's thread
 * (a virtual thread per request in the server), each tool invocation on a virtual thread of its own.
 * <b>Lifecycle:</b> {@link #open} loads the packs and opens the database; {@link #close} flushes the
 * audit log and closes the database.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final String ANONYMOUS = "anonymous";

    private volatile RigConfig config;
    private final Database database;
    private final AuditLog audit;
    private final ApprovalStore approvals;
    private final AtomicReference<Routing> routing;
    private final Rollout rollout;
    private final Pipeline pipeline;
    private final ExecutorService deadlines;
    private final InstantSource clock;
    private final RetrySchedule retrySchedule;
    private final PackLoader packLoader;
    private final PackMounts mounts;
    private final SecretResolver secrets;
    private final ReentrantLock reloading = new ReentrantLock();
    private final List<Consumer<Snapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Routing>> roleListeners = new CopyOnWriteArrayList<>();

    private Gateway(RigConfig config, Database database, AuditLog audit, ApprovalStore approvals, Routing routing,
                    Rollout rollout, Pipeline pipeline, ExecutorService deadlines, InstantSource clock,
                    RetrySchedule retrySchedule, PackLoader packLoader, PackMounts mounts, SecretResolver secrets) {
        this.config = config;
        this.mounts = mounts;
        this.secrets = secrets;
        this.retrySchedule = retrySchedule;
        this.packLoader = packLoader;
        this.database = database;
        this.audit = audit;
        this.approvals = approvals;
        this.routing = new AtomicReference<>(routing);
        this.rollout = rollout;
        this.pipeline = pipeline;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * Opens a gateway on {@code config}: finds and loads packs, opens (and migrates) the database,
     * builds the first snapshot.
     *
     * @throws RigException when the database cannot be opened (packs that fail are skipped, not fatal)
     */
    public static Gateway open(RigConfig config) {
        return open(config, InstantSource.system(), Duration.ofMillis(200), System.getenv());
    }

    /**
     * Opens a gateway with an explicit clock, first retry backoff step and environment (tests
     * advance a fake clock and use a short backoff instead of sleeping).
     */
    public static Gateway open(RigConfig config, InstantSource clock, Duration retryBaseDelay,
                               Map<String, String> environment) {
        return open(config, clock, retryBaseDelay, environment, PackMounts.NONE);
    }

    /** Opens a gateway whose snapshots also hold {@code mounts}' packs (MCP servers, npm packs); closes them with itself. */
    public static Gateway open(RigConfig config, PackMounts mounts) {
        return open(config, InstantSource.system(), Duration.ofMillis(200), System.getenv(), mounts);
    }

    /** Opens a gateway with every part given (see the other {@code open}s). */
    public static Gateway open(RigConfig config, InstantSource clock, Duration retryBaseDelay,
                               Map<String, String> environment, PackMounts mounts) {
        LOG.debug("gateway opening");
        RetrySchedule retrySchedule = new RetrySchedule(retryBaseDelay);
        PackLoader packLoader = new PackLoader(Gateway.class.getClassLoader());
        SecretsFile.Reading file = SecretsFile.read(config.secretsFile());
        if (file.problem() != null) {
            LOG.warn("secrets file refused: {}", file.problem());
        }
        SecretResolver secrets = new SecretResolver(
                List.of(new SecretSource("env", environment), file.source()), file.problem());
        // A mounted server's tools may change before the gateway exists: the refresh waits for it.
        CompletableFuture<Gateway> opened = new CompletableFuture<>();
        Runnable toolsChanged = () -> opened.thenAcceptAsync(Gateway::refreshQuietly,
                command -> Thread.ofVirtual().name("rig-refresh").start(command));
        // Packs (jar hashing, class loading, schema compilation) load while the database opens and migrates.
        CompletableFuture<Built> loading = new CompletableFuture<>();
        Thread.ofPlatform().name("rig-load-packs").daemon(true).start(() -> {
            try {
                loading.complete(buildSnapshot(config, LockFile.read(config.lockFile()).orElse(null), retrySchedule,
                        packLoader, mounts, secrets, toolsChanged, true));
            } catch (Throwable e) {
                loading.completeExceptionally(e);
            }
        });
        Database database;
        try {
            database = Database.open(config.database());
        } catch (RuntimeException e) {
            loading.handle((snapshot, failure) -> null).join(); // the database's failure is the one to report
            mounts.close();
            throw e;
        }
        try {
            AuditLog audit = new JdbcAuditLog(database);
            ApprovalStore approvals = new JdbcApprovalStore(database);
            Built built = snapshotOf(loading);
            Snapshot snapshot = built.snapshot();
            ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().name("rig-deadlines").daemon(true).factory());
            deadlines.setRemoveOnCancelPolicy(true);
            Pipeline pipeline = new Pipeline(approvals, secrets, audit, deadlines, clock, config.approvalTtl());
            LOG.atInfo().setMessage("gateway ready").addKeyValue("tools", snapshot.tools().size())
                    .addKeyValue("packs", snapshot.packs().size()).addKeyValue("interface_hash", snapshot.interfaceHash())
                    .addKeyValue("pack_set_version", snapshot.packSetVersion())
                    .addKeyValue("database", config.database().isSqlite() ? "sqlite" : "postgresql").log();
            Rollout rollout = new Rollout(SnapshotStore.of(config.workingDirectory()), config.lockFile(),
                    config.packsDirectory(), audit, clock, rigVersion());
            Gateway gateway = new Gateway(config, database, audit, approvals, Routing.of(snapshot), rollout, pipeline,
                    deadlines, clock, retrySchedule, packLoader, mounts, secrets);
            gateway.routing.set(gateway.arrange(config, built));
            opened.complete(gateway);
            return gateway;
        } catch (RuntimeException e) {
            database.close();
            mounts.close();
            throw e;
        }
    }

    private static Built snapshotOf(CompletableFuture<Built> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** A snapshot and the lock it was built from (null when the workspace has none). */
    private record Built(Snapshot snapshot, LockFile lock) {}

    /**
     * Builds a snapshot of the packs {@code lock} names (and the class path's, and the mounted ones);
     * {@code pinNew}: record tools seen for the first time in rig.lock (only for the active pack set).
     */
    private static Built buildSnapshot(RigConfig config, LockFile lock, RetrySchedule retrySchedule, PackLoader loader,
                                       PackMounts mounts, SecretResolver secrets, Runnable toolsChanged,
                                       boolean pinNew) {
        Policy policy = new Policy(config.policy(), retrySchedule);
        PackLoader.Discovery discovery = loader.discover(new PackLoader.Sources(config.packsDirectory(), lock,
                config.bundledPacks(), config::packEnabled));
        List<LoadedPack> enabled = new ArrayList<>(
                discovery.packs().stream().filter(p -> config.packEnabled(p.info().id())).toList());
        List<PackProblem> problems = new ArrayList<>(discovery.problems());
        PackMounts.Mounting mounting = mounts.mount(new PackMounts.Request(config, lock, secrets, toolsChanged));
        problems.addAll(mounting.problems());
        // The workspace's own packs win over packs the embedding class path brings (tests, embedded use).
        Set<String> mountedIds = mounting.packs().stream().map(p -> p.info().id()).collect(Collectors.toSet());
        enabled.removeIf(p -> p.info().source().equals("classpath") && mountedIds.contains(p.info().id()));
        Set<String> jarPackIds = enabled.stream().map(p -> p.info().id()).collect(Collectors.toSet());
        for (LoadedPack mounted : mounting.packs()) {
            if (jarPackIds.contains(mounted.info().id())) {
                problems.add(new PackProblem(mounted.info().id(), mounted.info().source(), "id '" + mounted.info().id()
                        + "' is already taken by a Java pack; give the mounted server another id"));
            } else {
                enabled.add(mounted);
            }
        }
        if (pinNew && !mounting.newPins().isEmpty()) {
            pin(config, mounting.newPins());
            lock = LockFile.read(config.lockFile()).orElse(lock);
        }
        if (config.packs() != null) {
            Set<String> found = enabled.stream().map(p -> p.info().id()).collect(Collectors.toSet());
            found.addAll(discovery.packs().stream().map(p -> p.info().id()).toList());
            Set<String> reported = problems.stream().map(PackProblem::packId).collect(Collectors.toSet());
            for (String id : config.packs().keySet()) {
                if (!found.contains(id) && !reported.contains(id)) {
                    problems.add(new PackProblem(id, String.valueOf(config.source()), "enabled in rig.yaml but not "
                            + "installed: run `rig install " + id + "` (or remove it from rig.yaml)"));
                }
            }
        }
        Set<String> heldBack = new HashSet<>();
        if (lock != null) {
            lock.packs().values().forEach(p -> heldBack.addAll(p.disabledTools()));
        }
        Snapshot snapshot = new SnapshotBuilder(config.workingDirectory(), config.packSetVersion(),
                config::packSettings, def -> heldBack.contains(def.name())
                        ? policy.plan(def).blocked("tool " + def.name() + " came with a pack update and is not enabled"
                                + " yet", "rig update " + def.name().substring(0, Math.max(0, def.name().indexOf('.')))
                                + " --enable " + def.name())
                        : policy.plan(def)).build(enabled, problems);
        return new Built(snapshot, lock);
    }

    private static String rigVersion() {
        return Optional.ofNullable(Gateway.class.getPackage().getImplementationVersion()).orElse("unknown");
    }

    /** Records tools seen for the first time in rig.lock, so later changes to them are caught. */
    private static void pin(RigConfig config, List<LockedPack> pins) {
        Instant now = Instant.now();
        String version = rigVersion();
        try {
            LockFile lock = LockFile.read(config.lockFile()).orElseGet(() -> LockFile.empty(version, now));
            for (LockedPack pack : pins) {
                lock = lock.with(pack, version, now);
                LOG.atInfo().setMessage("tools pinned in rig.lock").addKeyValue("pack", pack.packId())
                        .addKeyValue("tools", pack.tools().size()).log();
            }
            lock.write(config.lockFile());
        } catch (IOException | RuntimeException e) {
            LOG.atWarn().setMessage("cannot pin tools in rig.lock; they will be pinned at the next start")
                    .addKeyValue("file", config.lockFile()).addKeyValue("reason", e.getMessage()).log();
        }
    }

    /**
     * Reads {@code rig.yaml} and {@code rig.lock} again, finds the packs again and publishes a new
     * snapshot of them; calls already running finish on the snapshot they started with. Packs, their
     * settings, the policy and {@code pack_set_version} change live; the server, database and MCP
     * settings need a restart. Reloads are serialized.
     *
     * @return the new snapshot
     * @throws RigException when rig.yaml or rig.lock cannot be used; the current snapshot stays
     */
    public Snapshot reload() {
        return reload(false);
    }

    private Snapshot reload(boolean roleChange) {
        reloading.lock();
        try {
            RigConfig current = config;
            RigConfig next = current.source() == null ? current
                    : ConfigLoader.load(current.workingDirectory(), current.source())
                            .withBundledPacks(current.bundledPacks());
            Snapshot active = rebuild(next, roleChange);
            config = next;
            return active;
        } finally {
            reloading.unlock();
        }
    }

    /**
     * Builds a new snapshot of the same configuration and publishes it: what a mounted server's change
     * of tools leads to. Serialized with {@link #reload}.
     */
    public Snapshot refresh() {
        reloading.lock();
        try {
            return rebuild(config, false);
        } finally {
            reloading.unlock();
        }
    }

    /** Builds the snapshots {@code config}, rig.lock and the roles ask for and publishes them; returns the active one. */
    private Snapshot rebuild(RigConfig config, boolean roleChange) {
        Built built = buildSnapshot(config, LockFile.read(config.lockFile()).orElse(null), retrySchedule, packLoader,
                mounts, secrets, this::refreshLater, true);
        Routing arranged = arrange(config, built);
        publish(arranged, roleChange);
        return arranged.active();
    }

    /**
     * Gives the snapshot built from rig.lock its content id and records it as active, then builds the
     * canary the roles name, if any: the routing to publish. A history that cannot be written is logged
     * and the gateway serves on (without a canary).
     */
    private Routing arrange(RigConfig config, Built built) {
        LockFile lock = built.lock() != null ? built.lock() : LockFile.empty(rigVersion(), clock.instant());
        SnapshotRecord record = SnapshotRecord.of(built.snapshot(), lock, clock.instant());
        Snapshot active = built.snapshot().withId(record.id());
        Roles roles;
        try {
            rollout.activated(record);
            roles = rollout.store().roles();
        } catch (RuntimeException e) {
            LOG.atWarn().setMessage("snapshot history not updated; serving without canary")
                    .addKeyValue("directory", rollout.store().directory()).addKeyValue("reason", e.getMessage()).log();
            return Routing.of(active);
        }
        Roles.Canary wanted = roles.canary();
        if (wanted == null) {
            return Routing.of(active);
        }
        Built candidate = buildSnapshot(config, wanted.lock(), retrySchedule, packLoader, mounts, secrets,
                this::refreshLater, false);
        SnapshotRecord canaryRecord = SnapshotRecord.of(candidate.snapshot(), wanted.lock(), clock.instant());
        Snapshot canary = candidate.snapshot().withId(canaryRecord.id());
        try {
            rollout.canaryBuilt(canaryRecord, wanted.lock());
        } catch (RuntimeException e) {
            LOG.atWarn().setMessage("canary not recorded in the snapshot history")
                    .addKeyValue("reason", e.getMessage()).log();
        }
        Routing current = routing == null ? null : routing.get();
        CanaryWatch earlier = current != null && current.canary() != null
                && current.canary().id().equals(canary.id()) && current.active().id().equals(active.id())
                ? current.watch() : null;
        Instant startedAt = earlier != null ? earlier.metrics().startedAt() : clock.instant();
        CanaryWatch watch = new CanaryWatch(active, canary, config.canary(), System::nanoTime, startedAt,
                reason -> failCanary(canary.id(), reason), earlier);
        List<String> lost = lostPacks(active, canary);
        if (!lost.isEmpty()) {
            Thread.ofVirtual().name("rig-canary-rollback").start(() -> failCanary(canary.id(),
                    "the canary could not load " + String.join("; ", lost)));
        }
        return new Routing(active, canary, wanted.percent() * 100, watch);
    }

    /** The packs the active snapshot serves that the canary failed to load, with the reason. */
    private static List<String> lostPacks(Snapshot active, Snapshot canary) {
        Set<String> served = canary.packs().stream().map(p -> p.id()).collect(Collectors.toSet());
        return canary.problems().stream()
                .filter(p -> !served.contains(p.packId()) && active.packs().stream().anyMatch(a -> a.id().equals(p.packId())))
                .map(p -> p.packId() + " (" + p.message() + ")").toList();
    }

    /** Rolls the canary {@code canaryId} back because of {@code reason}, unless it is no longer on trial. */
    private void failCanary(String canaryId, String reason) {
        Thread.ofVirtual().name("rig-canary-rollback").start(() -> {
            reloading.lock();
            try {
                Routing current = routing.get();
                if (current.canary() == null || !current.canary().id().equals(canaryId)) {
                    return;
                }
                rollout.endCanary(canaryId, "rig", "automatic: " + reason);
                publish(Routing.of(current.active()), true);
            } catch (RuntimeException e) {
                LOG.atError().setMessage("automatic canary rollback failed").addKeyValue("canary", canaryId)
                        .addKeyValue("reason", reason).setCause(e).log();
            } finally {
                reloading.unlock();
            }
        });
    }

    /**
     * Puts the pack set {@code candidate} on trial for {@code percent}% of tenants (see
     * {@link Rollout#requestCanary}) and routes to it at once. The candidate's jars must be in the packs
     * directory already ({@code rig update --canary} puts them there).
     *
     * @throws RigException {@code conflict} when a canary is on trial already
     */
    public Rollout.Change requestCanary(LockFile candidate, int percent, String actor) {
        reloading.lock();
        try {
            Rollout.Change change = rollout.requestCanary(candidate, percent, actor);
            reload();
            return change;
        } finally {
            reloading.unlock();
        }
    }

    /**
     * Makes the canary the active snapshot (see {@link Rollout#promote}); calls already running finish
     * where they started, new ones all run on the promoted snapshot.
     *
     * @throws RigException {@code not_found} when no canary is on trial
     */
    public Rollout.Change promote(String actor) {
        reloading.lock();
        try {
            Routing current = routing.get();
            Rollout.Change change = rollout.promote(actor, null);
            if (current.canary() != null && current.canary().id().equals(change.to())) {
                publish(Routing.of(current.canary()), true);
            } else {
                reload(true);
            }
            return change;
        } finally {
            reloading.unlock();
        }
    }

    /**
     * Ends the canary, or, without one, returns to the previous snapshot (see {@link Rollout#rollback}).
     *
     * @throws RigException {@code not_found} when there is nothing to roll back to
     */
    public Rollout.Change rollback(String actor) {
        reloading.lock();
        try {
            Routing current = routing.get();
            Rollout.Change change = rollout.rollback(actor, null);
            if (change.event().equals("canary_rolled_back")) {
                publish(Routing.of(current.active()), true);
            } else {
                reload(true);
            }
            return change;
        } finally {
            reloading.unlock();
        }
    }

    private void refreshLater() {
        Thread.ofVirtual().name("rig-refresh").start(this::refreshQuietly);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.atWarn().setMessage("snapshot refresh after a tool change failed; the current snapshot stays")
                    .addKeyValue("reason", e.getMessage()).log();
        }
    }

    private void publish(Routing next) {
        publish(next, false);
    }

    /** Swaps {@code next} in; {@code roleChange}: a promotion or rollback, announced even when the ids stay. */
    private void publish(Routing next, boolean roleChange) {
        Routing previous = routing.getAndSet(next);
        Snapshot active = next.active();
        LOG.atInfo().setMessage("snapshot published").addKeyValue("snapshot", active.id())
                .addKeyValue("tools", active.tools().size()).addKeyValue("interface_hash", active.interfaceHash())
                .addKeyValue("previous_interface_hash", previous.active().interfaceHash())
                .addKeyValue("canary", next.canary() == null ? null : next.canary().id())
                .addKeyValue("canary_percent", next.basisPoints() / 100).log();
        for (Consumer<Snapshot> listener : snapshotListeners) {
            try {
                listener.accept(active);
            } catch (RuntimeException e) {
                LOG.atError().setMessage("snapshot listener failed").addKeyValue("snapshot", active.id()).setCause(e)
                        .log();
            }
        }
        boolean rolesChanged = roleChange || !previous.active().id().equals(active.id())
                || !Objects.equals(previous.canary() == null ? null : previous.canary().id(),
                        next.canary() == null ? null : next.canary().id());
        if (rolesChanged) {
            Thread.ofVirtual().name("rig-prune").start(this::pruneQuietly);
            for (Consumer<Routing> listener : roleListeners) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    LOG.atError().setMessage("role listener failed").addKeyValue("snapshot", active.id()).setCause(e)
                            .log();
                }
            }
        }
    }

    private void pruneQuietly() {
        try {
            rollout.prune();
        } catch (RuntimeException e) {
            LOG.atWarn().setMessage("pack versions no snapshot role needs were not removed")
                    .addKeyValue("reason", e.getMessage()).log();
        }
    }

    /**
     * Calls {@code listener} after every change of the active or canary snapshot (a promotion, a
     * rollback, an update applied, a canary started), on the publishing thread, after the swap.
     *
     * @return a handle that stops the calls
     */
    public AutoCloseable onRolesChanged(Consumer<Routing> listener) {
        Objects.requireNonNull(listener, "listener");
        roleListeners.add(listener);
        return () -> roleListeners.remove(listener);
    }

    /** Which snapshots serve calls now, and the canary's watch when one is on trial. */
    public Routing routing() {
        return routing.get();
    }

    /** The snapshot history and roles of the workspace. */
    public SnapshotStore snapshotHistory() {
        return rollout.store();
    }

    /**
     * Calls {@code listener} with every snapshot published after this (on the publishing thread, after
     * the swap), so an edge can tell its clients that the tools changed.
     *
     * @return a handle that stops the calls
     */
    public AutoCloseable onSnapshot(Consumer<Snapshot> listener) {
        Objects.requireNonNull(listener, "listener");
        snapshotListeners.add(listener);
        return () -> snapshotListeners.remove(listener);
    }

    /** The configuration the gateway runs with. */
    public RigConfig config() {
        return config;
    }

    /** The active snapshot: what new calls run on, but for the tenants a canary has. */
    public Snapshot snapshot() {
        return routing.get().active();
    }

    /** The RTP ToolDef JSON of each tool the policy allows, sorted by name. */
    public List<JsonNode> tools() {
        return snapshot().tools().values().stream().filter(t -> t.plan().allowed()).map(RegisteredTool::wire)
                .toList();
    }

    /** The RTP ToolDef JSON of {@code name}, if it exists and the policy allows it. */
    public Optional<JsonNode> tool(String name) {
        return snapshot().tool(name).filter(t -> t.plan().allowed()).map(RegisteredTool::wire);
    }

    /**
     * Runs one call through the pipeline. Never throws for a tool failure: the result says
     * {@code ok=false} with the error (unknown tool is {@code not_found}, a held call is
     * {@code approval_required} with its ticket). The call is in the audit log before this returns.
     */
    public ToolResult call(CallRequest request) {
        Routing current = routing.get();
        if (current.watch() == null) {
            return pipeline.run(request, current.active());
        }
        Snapshot target = current.route(request.tenantId());
        long started = System.nanoTime();
        ToolResult result = pipeline.run(request, target);
        current.watch().record(target, request.toolName(), result, System.nanoTime() - started);
        return result;
    }

    /**
     * Approves a held call and runs exactly the stored call, once.
     *
     * @param approver who approves; must differ from the requester when the requester is known
     * @throws RigException {@code not_found} for an unknown, used or denied token;
     *     {@code permission_error} when the approver is the requester; {@code not_found} with reason
     *     {@link RigException#APPROVAL_EXPIRED} when it expired
     */
    public ToolResult approve(UUID token, String approver) {
        Approval approval = decide(token, approver, ApprovalStatus.APPROVED);
        Map<String, Object> args;
        try {
            args = Json.toMap(Json.parse(approval.argsJson()));
        } catch (JsonProcessingException e) {
            throw new RigException(ErrorType.INTERNAL_ERROR, "the stored call of approval " + token
                    + " cannot be read; nothing was run", e);
        }
        LOG.atInfo().setMessage("approval granted").addKeyValue("approval_token", token)
                .addKeyValue("tool", approval.toolName()).addKeyValue("approver", approver)
                .addKeyValue("correlation_id", approval.correlationId()).log();
        CallRequest request = new CallRequest(approval.toolName(), args, approval.tenantId(), approval.requestId(),
                approval.actor(), approval.correlationId());
        return pipeline.run(request, routing.get().route(approval.tenantId()), approval);
    }

    /**
     * Denies a held call; it will never run.
     *
     * @throws RigException as {@link #approve}
     */
    public Denial deny(UUID token, String approver) {
        Approval approval = decide(token, approver, ApprovalStatus.DENIED);
        Snapshot snapshot = routing.get().route(approval.tenantId());
        audit.append(new AuditEvent(clock.instant(), approval.tenantId(), approval.actor(), approval.correlationId(),
                approval.toolName(), approval.argsSha256(), approval.redactedArgsJson(), Outcome.APPROVAL_DENIED, 0,
                ErrorType.APPROVAL_REQUIRED.wireName(), null,
                snapshot.tool(approval.toolName()).map(t -> t.pack().id()).orElse(null),
                snapshot.tool(approval.toolName()).map(t -> t.pack().version()).orElse(null),
                snapshot.interfaceHash(), token.toString(), approval.decidedBy()));
        LOG.atInfo().setMessage("approval denied").addKeyValue("approval_token", token)
                .addKeyValue("tool", approval.toolName()).addKeyValue("approver", approver)
                .addKeyValue("correlation_id", approval.correlationId()).log();
        return new Denial(token, approver);
    }

    private Approval decide(UUID token, String approver, ApprovalStatus decision) {
        String who = approver == null || approver.isBlank() ? ANONYMOUS : approver;
        Approval approval = approvals.find(token).orElseThrow(() -> unknownToken(token));
        if (approval.status() != ApprovalStatus.PENDING) {
            throw new RigException(ErrorType.NOT_FOUND, "approval " + token + " was already "
                    + approval.status().name().toLowerCase() + (approval.decidedBy() == null ? ""
                    : " by " + approval.decidedBy()) + "; a held call runs at most once",
                    "ask for the call again to get a new token");
        }
        Instant now = clock.instant();
        if (approval.expiredAt(now)) {
            throw RigException.withReason(ErrorType.NOT_FOUND, RigException.APPROVAL_EXPIRED, "approval " + token
                            + " expired at " + approval.expiresAt() + "; nothing was run",
                    "ask for the call again to get a new token",
                    "approvals last approvals.ttl_seconds (" + config.approvalTtl().toSeconds() + " s)");
        }
        if (!ANONYMOUS.equals(approval.actor()) && approval.actor().equals(who)) {
            throw new RigException(ErrorType.PERMISSION_ERROR, "actor " + who + " asked for this call and cannot "
                    + (decision == ApprovalStatus.APPROVED ? "approve" : "deny") + " it",
                    "another person must decide (X-RIG-Actor-ID header, or `rig approve --actor`)");
        }
        return approvals.decide(token, decision, who, now).orElseThrow(() -> new RigException(ErrorType.NOT_FOUND,
                "approval " + token + " was decided by someone else a moment ago", "see `rig approvals`"));
    }

    private static RigException unknownToken(UUID token) {
        return new RigException(ErrorType.NOT_FOUND, "no approval with token " + token,
                "list pending approvals with GET /v1/approvals or `rig approvals`");
    }

    /** Approvals still waiting and not expired, oldest first; {@code tenantId} null for all tenants. */
    public List<ApprovalTicket> pendingApprovals(String tenantId) {
        return approvals.pending(tenantId, clock.instant()).stream().map(Gateway::ticket).toList();
    }

    private static ApprovalTicket ticket(Approval approval) {
        Map<String, Object> args;
        try {
            args = Json.toMap(Json.parse(approval.redactedArgsJson()));
        } catch (JsonProcessingException e) {
            args = Map.of();
        }
        return new ApprovalTicket(approval.token(), approval.toolName(), approval.riskClass(), args,
                approval.tenantId(), approval.actor(), approval.requestedAt(), approval.expiresAt());
    }

    /** Reads the audit log. */
    public AuditPage queryAudit(AuditQuery query) {
        return audit.query(query);
    }

    /** Checks the audit hash chain. */
    public ChainVerification verifyAudit() {
        return audit.verify();
    }

    /** The stage names of the pipeline, in order. */
    public List<String> stages() {
        return pipeline.stageNames();
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            mounts.close();
        } finally {
            try {
                audit.close();
            } finally {
                database.close();
            }
        }
    }
}
