package dev.rig.core.pipeline;

import dev.rig.core.api.ApprovalTicket;
import dev.rig.core.approval.Approval;
import dev.rig.core.approval.ApprovalStatus;
import dev.rig.core.approval.ApprovalStore;
import dev.rig.core.json.CanonicalJson;
import dev.rig.core.json.Json;
import dev.rig.core.policy.ToolPlan;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code approve}: holds a call whose tool needs a human decision, storing exactly the call to run
 * later; lets through a call that runs an approved record, after checking its args are the stored
 * ones.
 */
final class ApprovalStage implements Stage {

    private final ApprovalStore store;
    private final InstantSource clock;
    private final Duration ttl;

    ApprovalStage(ApprovalStore store, InstantSource clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public String name() {
        return "approve";
    }

    @Override
    public Call apply(Call call) throws CallFailure {
        RiskClass risk = riskOf(call);
        if (risk == null) {
            return call;
        }
        String argsJson = CanonicalJson.write(call.argsNode());
        String argsSha256 = CanonicalJson.sha256Hex(argsJson);
        if (call.approval() != null) {
            if (!call.approval().argsSha256().equals(argsSha256)) {
                throw CallFailure.of(ErrorType.INTERNAL_ERROR, "the approved call's arguments do not match the"
                        + " stored hash; nothing was run", "ask for the call again");
            }
            return call;
        }
        Map<String, Object> redacted = Redaction.args(call.request().args(), call.tool().secretFields(),
                Secrets.none());
        Instant now = clock.instant();
        Approval approval = new Approval(UUID.randomUUID(), call.tool().name(), risk,
                argsJson, Json.write(redacted), argsSha256, call.context().tenantId(), call.context().actor(),
                call.context().requestId(), call.correlationId(), now, now.plus(ttl), ApprovalStatus.PENDING, null,
                null);
        store.save(approval);
        ApprovalTicket ticket = new ApprovalTicket(approval.token(), approval.toolName(), approval.riskClass(),
                redacted, approval.tenantId(), approval.actor(), approval.requestedAt(), approval.expiresAt());
        String token = approval.token().toString();
        throw CallFailure.approvalRequired(call.tool().name() + " needs approval (risk "
                        + approval.riskClass().wireName() + "); nothing has run. Approve with `rig approve " + token
                        + "` or POST /v1/approvals/" + token + ":approve before " + approval.expiresAt(),
                List.of("approve token: " + token, "rig approve " + token,
                        "POST /v1/approvals/" + token + ":approve", "POST /v1/approvals/" + token + ":deny"),
                ticket);
    }

    /**
     * The risk the call is held for, or null when it runs without approval: the declared risk when
     * that needs approval; else the tool's answer for these arguments ({@code Tool.riskOf}) when that
     * does. The tool is asked only when some risk class could hold the call. A tool failing to answer
     * is a pack fault, not a reason to run the call unchecked.
     */
    private static RiskClass riskOf(Call call) throws CallFailure {
        ToolPlan plan = call.tool().plan();
        if (plan.requiresApproval()) {
            return call.tool().definition().riskClass();
        }
        if (plan.approvalRisks().isEmpty()) {
            return null;
        }
        RiskClass asked;
        try {
            asked = call.tool().tool().riskOf(call.request().args());
        } catch (RuntimeException e) {
            throw CallFailure.of(ErrorType.INTERNAL_ERROR, "pack " + call.tool().pack().id()
                    + " failed to tell the risk of this call of " + call.tool().name() + "; nothing was run",
                    "report it to the pack's authors");
        }
        return asked != null && plan.requiresApproval(asked) ? asked : null;
    }
}
