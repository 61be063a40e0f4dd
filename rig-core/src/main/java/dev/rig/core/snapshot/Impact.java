package dev.rig.core.snapshot;

import java.util.Locale;

/** How a change affects agents that call the tool. */
public enum Impact {
    /** Calls that worked before may now fail, or callers may meet a result they do not expect. */
    BREAKING,
    /** Every call that worked before still works, and every result is still one callers expect. */
    COMPATIBLE,
    /** Worth reading, not a change in what a call sends or receives (wording, tags, policy hints). */
    NOTE;

    /** The lower-case name used in text and JSON ({@code breaking}, {@code compatible}, {@code note}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
