package dev.rig.spi;

/**
 * Where a tool reports how a long call is going. The edge the call came through decides what
 * happens with it: MCP sends progress and log notifications to the client that asked for them;
 * RGP and in-process callers drop them. Reporting never fails the call and never blocks it for long.
 *
 * <p>Messages go to the caller as written: never put secret values in them.
 */
public interface CallReporter {

    /** Drops everything. */
    CallReporter NONE = new CallReporter() {
        @Override
        public void progress(double done, Double total, String message) {}

        @Override
        public void log(LogLevel level, String message) {}

        @Override
        public String toString() {
            return "CallReporter.NONE";
        }
    };

    /**
     * How far the call is: {@code done} grows with every report; {@code total} is null when unknown.
     * {@code message} (may be null) says what is happening now.
     */
    void progress(double done, Double total, String message);

    /** A log message for the caller (not the gateway log). */
    void log(LogLevel level, String message);
}
