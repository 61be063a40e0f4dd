package dev.rig.core.audit;

import java.util.List;

/**
 * One page of audit entries, newest first; {@code total} counts every entry matching the filters,
 * {@code nextBeforeSeq} is the cursor for the next page (null when there is none).
 */
public record AuditPage(List<AuditEntry> entries, long total, boolean hasMore, Long nextBeforeSeq) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
