package dev.rig.core.audit;

import java.time.Instant;

/**
 * Filters for reading the audit log; every filter may be null (no filter).
 *
 * <p>{@code limit} is 1..1000 (default 100). Results come newest first; {@code beforeSeq} pages
 * backwards: pass the last entry's {@code seq} of one page to get the next.
 */
public record AuditQuery(
        Instant startTime,
        Instant endTime,
        String tenantId,
        String actor,
        String toolName,
        Boolean ok,
        String runId,
        int limit,
        Long beforeSeq) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Everything, newest first, one default page. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }
}
