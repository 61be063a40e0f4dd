package dev.rig.core.registry;

import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.secrets.SecretResolver;
import java.util.List;
import java.util.Objects;

/**
 * Packs that are not jars: MCP servers mounted from {@code mcp_servers:} and npm packs run by the
 * Node runner. Implemented outside the core (rig-mcp, on the MCP Java SDK client); the gateway asks
 * it for packs each time it builds a snapshot and closes it with itself.
 *
 * <p>A mount keeps its servers between snapshots while their settings do not change, stops those
 * that are gone, and calls {@link Request#toolsChanged()} when a server's tools change under it, so
 * the gateway builds a new snapshot.
 */
public interface PackMounts extends AutoCloseable {

    /** No mounted packs: a gateway of jar packs only. */
    PackMounts NONE = new PackMounts() {
        @Override
        public Mounting mount(Request request) {
            return new Mounting(List.of(), List.of(), List.of());
        }

        @Override
        public void close() {
        }
    };

    /**
     * What to mount: the configuration, the lock ({@code null} when the workspace has none), the secrets
     * of the default tenant for servers that need them at start, and what to call on a change.
     */
    record Request(RigConfig config, LockFile lock, SecretResolver secrets, Runnable toolsChanged) {

        public Request {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(secrets, "secrets");
            Objects.requireNonNull(toolsChanged, "toolsChanged");
        }
    }

    /**
     * The mounted packs, the problems met (a server that would not start, a tool that cannot be
     * registered), and lock entries to write: tools seen for the first time, pinned.
     */
    record Mounting(List<LoadedPack> packs, List<PackProblem> problems, List<LockedPack> newPins) {

        public Mounting {
            packs = List.copyOf(packs);
            problems = List.copyOf(problems);
            newPins = List.copyOf(newPins);
        }
    }

    /** The packs of {@code request}'s mounted servers and npm packs; never throws for one server's failure. */
    Mounting mount(Request request);

    /** Stops every server process this mount started and waits for them to end. */
    @Override
    void close();
}
