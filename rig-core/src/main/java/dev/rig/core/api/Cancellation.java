package dev.rig.core.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets an edge cancel a call it handed to the gateway (MCP's {@code notifications/cancelled}).
 * Cancelling before the tool runs stops the call there; while the tool runs, its thread is
 * interrupted; after it finished, nothing changes. A cancelled call ends with outcome
 * {@code cancelled} in the audit log. Thread-safe; cancelling twice keeps the first reason.
 */
public final class Cancellation {

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Cancels the call; {@code why} (may be null) is reported in its error message. */
    public void cancel(String why) {
        if (reason.compareAndSet(null, why == null || why.isBlank() ? "cancelled by the caller" : why)) {
            listeners.forEach(Runnable::run);
        }
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** Why the call was cancelled, or null while it is not. */
    public String reason() {
        return reason.get();
    }

    /**
     * Runs {@code listener} once when the call is cancelled (at once if it already is) until the
     * returned handle is closed.
     */
    public Subscription onCancel(Runnable listener) {
        listeners.add(listener);
        if (isCancelled()) {
            listener.run();
        }
        return () -> listeners.remove(listener);
    }

    /** Stops a listener. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
