package dev.rig.server;

import dev.rig.core.Gateway;
import dev.rig.core.api.RigException;
import dev.rig.core.registry.Snapshot;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
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
 * {@code update} and {@code uninstall} reach a running {@code rig serve} without a restart.
 *
 * <p>Changes are settled first (one reload for an install's lock-then-yaml writes); a reload that
 * fails (a half-edited rig.yaml) is logged and the current snapshot stays.
 */
public final class WorkspaceWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceWatcher.class);
    private static final Set<String> WATCHED = Set.of("rig.yaml", "rig.lock");

    private final Gateway gateway;
    private final WatchService watcher;
    private final Duration settle;
    private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rig-workspace-reload").daemon(true).factory());
    private final Thread listener;
    private ScheduledFuture<?> pending;

    private WorkspaceWatcher(Gateway gateway, Path directory, Duration settle) throws IOException {
        this.gateway = gateway;
        this.settle = settle;
        this.watcher = FileSystems.getDefault().newWatchService();
        directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
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
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name && WATCHED.contains(name.toString())) {
                        relevant = true;
                    } else if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        relevant = true;
                    }
                }
                key.reset();
                if (relevant) {
                    schedule();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = reloads.schedule(this::reload, settle.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reload() {
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
