package dev.rig.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable storage of approvals. Decisions are compare-and-set on the status, so two approvers
 * racing on one token cannot both win.
 */
public interface ApprovalStore {

    /** Stores a new pending approval. */
    void save(Approval approval);

    /** The approval with {@code token}, in whatever status. */
    Optional<Approval> find(UUID token);

    /**
     * Moves a pending approval to {@code status}, recording who decided and when.
     *
     * @return the updated approval, or empty when the token is unknown or no longer pending
     */
    Optional<Approval> decide(UUID token, ApprovalStatus status, String decidedBy, Instant decidedAt);

    /** Pending approvals not yet expired at {@code now}, oldest first; {@code tenantId} null for all. */
    List<Approval> pending(String tenantId, Instant now);
}
