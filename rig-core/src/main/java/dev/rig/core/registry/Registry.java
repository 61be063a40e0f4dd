package dev.rig.core.registry;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current snapshot and publishes new ones by atomic swap; calls already running keep
 * the snapshot they started with.
 */
public final class Registry {

    private final AtomicReference<Snapshot> current;

    public Registry(Snapshot initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The snapshot a new call should use. */
    public Snapshot current() {
        return current.get();
    }

    /** Makes {@code next} current and returns the one it replaced. */
    public Snapshot publish(Snapshot next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }
}
