package dev.rig.core.config;

import java.util.Locale;

/**
 * What an acknowledged call's audit record survives (config {@code audit_durability}).
 *
 * <p>{@link #CRASH} (the default): a crash or {@code kill -9} of the gateway loses no acknowledged
 * record; SQLite runs WAL with {@code synchronous=NORMAL}, so a commit is in the OS before the
 * answer leaves, without an fsync per commit. {@link #POWER_LOSS}: also an OS crash or power cut;
 * SQLite fsyncs every group commit ({@code synchronous=FULL}), which costs about 150 µs per commit on
 * this class of disk. PostgreSQL's durability is the server's own ({@code synchronous_commit}).
 */
public enum AuditDurability {
    CRASH,
    POWER_LOSS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code crash} or {@code power_loss}. */
    public static AuditDurability fromWire(String value) {
        for (AuditDurability durability : values()) {
            if (durability.wireName().equals(value)) {
                return durability;
            }
        }
        throw new IllegalArgumentException("expected crash or power_loss, got '" + value + "'");
    }
}
