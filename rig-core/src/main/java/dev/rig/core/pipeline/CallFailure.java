package dev.rig.core.pipeline;

import dev.rig.core.api.ApprovalTicket;
import dev.rig.core.audit.Outcome;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.List;

/**
 * A stage ended the call: the error to answer with, the outcome to audit, and, for a held call,
 * its approval ticket. A control-flow signal inside the pipeline, never seen by edges.
 */
public final class CallFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorType type;
    private final boolean retryable;
    private final String upstreamCode;
    private final List<String> hints;
    private final transient Outcome outcome;
    private final transient ApprovalTicket ticket;

    CallFailure(ErrorType type, String message, boolean retryable, String upstreamCode, List<String> hints,
                Outcome outcome, ApprovalTicket ticket) {
        super(message, null, false, false);
        this.type = type;
        this.retryable = retryable;
        this.upstreamCode = upstreamCode;
        this.hints = List.copyOf(hints);
        this.outcome = outcome;
        this.ticket = ticket;
    }

    static CallFailure of(ErrorType type, String message, String... hints) {
        return new CallFailure(type, message, false, null, List.of(hints), Outcome.ERROR, null);
    }

    static CallFailure from(ToolException e) {
        return new CallFailure(e.type(), e.getMessage(), e.retryable(), e.upstreamCode(), e.hints(), Outcome.ERROR,
                null);
    }

    static CallFailure policyDenied(String message, String... hints) {
        return new CallFailure(ErrorType.POLICY_BLOCKED, message, false, null, List.of(hints), Outcome.POLICY_DENIED,
                null);
    }

    static CallFailure cancelled(String message) {
        return new CallFailure(ErrorType.INTERNAL_ERROR, message, false, null, List.of(), Outcome.CANCELLED, null);
    }

    static CallFailure approvalRequired(String message, List<String> hints, ApprovalTicket ticket) {
        return new CallFailure(ErrorType.APPROVAL_REQUIRED, message, false, null, hints, Outcome.APPROVAL_REQUIRED,
                ticket);
    }

    public ErrorType type() {
        return type;
    }

    public boolean retryable() {
        return retryable;
    }

    public String upstreamCode() {
        return upstreamCode;
    }

    public List<String> hints() {
        return hints;
    }

    public Outcome outcome() {
        return outcome;
    }

    public ApprovalTicket ticket() {
        return ticket;
    }
}
