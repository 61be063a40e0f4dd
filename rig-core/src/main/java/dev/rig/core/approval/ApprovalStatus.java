package dev.rig.core.approval;

/** Where an approval is in its life: pending until approved, denied or expired; never back. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    DENIED
}
