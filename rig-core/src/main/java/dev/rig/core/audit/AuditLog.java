package dev.rig.core.audit;

/**
 * The append-only, tamper-evident record of every call.
 *
 * <p><b>Durability:</b> {@link #append} returns only once the event is committed; concurrent
 * appends are group-committed (many events, one transaction), so callers wait together rather
 * than one after another. <b>Threading:</b> every method is safe to call from any thread.
 */
public interface AuditLog extends AutoCloseable {

    /**
     * Appends {@code event} and waits until it is durable.
     *
     * @return the stored entry with its sequence number and hashes
     * @throws dev.rig.core.api.RigException {@code internal_error} when the event could not be stored
     */
    AuditEntry append(AuditEvent event);

    /** Reads entries matching {@code query}, newest first. */
    AuditPage query(AuditQuery query);

    /** Walks the whole chain and reports every edited or deleted entry. */
    ChainVerification verify();

    /** Flushes pending events and releases the connection; appends after close fail. */
    @Override
    void close();
}
