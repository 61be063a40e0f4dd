package dev.rig.server;

import dev.rig.core.Gateway;
import dev.rig.core.api.RigException;
import dev.rig.core.registry.Snapshot;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import dev.rig.core.snapshot.Roles;
import dev.rig.core.snapshot.Routing;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the gateway when {@code rig.yaml} or {@code rig.lock} changes, so that {@code rig install},
 * {@code update} and {@code uninstall} reach a running {@code rig serve} without a restart; and when
 * {@code .rig/snapshots/roles.json} asks for other snapshots ({@code rig promote}, {@code rig rollback},
 * {@code rig update --canary} run in another process).
 *
 * <p>Changes are settled first (one reload for an install's lock-then-yaml writes); a reload that
 * fails (a half-edited rig.yaml) is logged and the current snapshot stays.
 */
public final class WorkspaceWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceWatcher.class);
    private static final Set<String> WATCHED = Set.of("rig.yaml", "rig.lock");
    private static final String ROLES = "roles.json";

    private final Gateway gateway;
    private final WatchService watcher;
    private final Duration settle;
    private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rig-workspace-reload").daemon(true).factory());
    private final Thread listener;
    private ScheduledFuture<?> pending; // guarded by this
    private boolean workspaceChanged; // guarded by this: rig.yaml or rig.lock, not only roles.json

    private WorkspaceWatcher(Gateway gateway, Path directory, Duration settle) throws IOException {
        this.gateway = gateway;
        this.settle = settle;
        this.watcher = FileSystems.getDefault().newWatchService();
        directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        Path history = gateway.snapshotHistory().directory();
        Files.createDirectories(history);
        history.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.listener = Thread.ofPlatform().name("rig-workspace-watch").daemon(true).start(this::listen);
    }

    /** Watches {@code gateway}'s working directory; changes settle for {@code settle} before a reload. */
    public static WorkspaceWatcher start(Gateway gateway, Duration settle) {
        Path directory = gateway.config().workingDirectory();
        try {
            WorkspaceWatcher watcher = new WorkspaceWatcher(gateway, directory, settle);
            LOG.atInfo().setMessage("watching rig.yaml and rig.lock").addKeyValue("directory", directory).log();
            return watcher;
        } catch (IOException e) {
            throw new RigException(dev.rig.spi.ErrorType.INTERNAL_ERROR, "cannot watch " + directory + ": "
                    + e.getMessage(), "POST /v1/reload reloads by hand");
        }
    }

    private void listen() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean workspace = false;
                boolean roles = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name && WATCHED.contains(name.toString())) {
                        workspace = true;
                    } else if (event.context() instanceof Path name && name.toString().equals(ROLES)) {
                        roles = true;
                    } else if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        workspace = true;
                    }
                }
                key.reset();
                if (workspace || roles) {
                    schedule(workspace);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private synchronized void schedule(boolean workspace) {
        if (pending != null) {
            pending.cancel(false);
        }
        workspaceChanged |= workspace;
        pending = reloads.schedule(this::reload, settle.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether roles.json asks for other snapshots than those serving: a {@code rig promote}, {@code rig
     * rollback} or {@code rig update --canary} from another process. The gateway's own writes (a canary
     * it built, an automatic rollback) ask for what already serves, and cause no reload.
     */
    private boolean rolesDiffer() {
        Roles roles;
        try {
            roles = gateway.snapshotHistory().roles();
        } catch (RuntimeException e) {
            return true; // the reload reports it
        }
        Routing routing = gateway.routing();
        if ((roles.canary() != null) != (routing.canary() != null)) {
            return true;
        }
        if (roles.canary() != null && roles.canary().snapshot() != null
                && !roles.canary().snapshot().equals(routing.canary().id())) {
            return true;
        }
        return roles.active() != null && !roles.active().equals(routing.active().id());
    }

    private void reload() {
        boolean workspace;
        synchronized (this) {
            workspace = workspaceChanged;
            workspaceChanged = false;
        }
        if (!workspace && !rolesDiffer()) {
            return;
        }
        try {
            Snapshot snapshot = gateway.reload();
            LOG.atInfo().setMessage("workspace changed: snapshot reloaded").addKeyValue("snapshot", snapshot.id())
                    .addKeyValue("tools", snapshot.tools().size()).addKeyValue("problems", snapshot.problems().size())
                    .log();
        } catch (RigException e) {
            LOG.atWarn().setMessage("workspace changed but cannot be loaded; the current snapshot stays: "
                    + e.getMessage()).log();
        } catch (RuntimeException e) {
            LOG.atError().setMessage("reload failed; the current snapshot stays").setCause(e).log();
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.getMessage());
        }
        listener.interrupt();
        reloads.shutdownNow();
    }
}
