package dev.rig.core.audit;

import java.util.Objects;

/**
 * An audit event as stored: its position in the log and its link in the hash chain.
 *
 * <p>{@code hash} is sha256 over {@code prevHash} and the event's canonical form, so editing or
 * deleting any row breaks the chain at that row.
 */
public record AuditEntry(long seq, AuditEvent event, String prevHash, String hash) {

    public AuditEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }
}
