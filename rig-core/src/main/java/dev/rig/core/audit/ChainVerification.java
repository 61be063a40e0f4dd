package dev.rig.core.audit;

import java.util.List;

/**
 * The result of checking the audit hash chain: how many entries were checked and each break found
 * (an edited row, a deleted row, a broken link), with the sequence number it was found at.
 */
public record ChainVerification(long checked, List<Problem> problems) {

    public ChainVerification {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    /** One break in the chain: the entry's sequence number and what is wrong with it. */
    public record Problem(long seq, String description) {}
}
