package dev.rig.core.pipeline;

import dev.rig.core.api.CorrelationId;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolError;
import dev.rig.core.api.ToolResult;
import dev.rig.core.approval.Approval;
import dev.rig.core.approval.ApprovalStore;
import dev.rig.core.audit.AuditLog;
import dev.rig.core.registry.RegisteredTool;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.secrets.SecretResolver;
import dev.rig.spi.CallContext;
import dev.rig.spi.ErrorType;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every call through the same stages, in the order of the original RTP runtime:
 *
 * <pre>
 *  CallRequest
 *      │
 *  resolve ──► allow ──► validate ──► approve ──► secrets ──► invoke ──► check-output
 *      │          │          │            │           │          │            │
 *      └──────────┴──────────┴─── any failure ends the call ─────┴────────────┘
 *                                      │
 *                                    audit  (always; durable before the result is returned)
 *                                      │
 *                                  ToolResult
 * </pre>
 *
 * <p>A call sees exactly one {@link Snapshot} from start to end. Stages are stateless and shared;
 * per-call state travels in an immutable {@link Call}.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final String ANONYMOUS = "anonymous";

    private final List<Stage> stages;
    private final AuditRecorder audit;

    public Pipeline(ApprovalStore approvals, SecretResolver secrets, AuditLog auditLog, ScheduledExecutorService timer,
                    InstantSource clock, Duration approvalTtl) {
        this.stages = List.of(new ResolveStage(), new AllowStage(), new ValidateInputStage(),
                new ApprovalStage(approvals, clock, approvalTtl), new SecretsStage(secrets),
                new InvokeStage(timer, clock), new CheckOutputStage());
        this.audit = new AuditRecorder(auditLog, clock);
    }

    /** The stage names, in order. */
    public List<String> stageNames() {
        return stages.stream().map(Stage::name).toList();
    }

    /** Runs a new call on {@code snapshot}. */
    public ToolResult run(CallRequest request, Snapshot snapshot) {
        return run(request, snapshot, null);
    }

    /**
     * Runs a call on {@code snapshot}; {@code approval} is the approved record when the call runs a
     * held call (it then passes the approval gate), else null.
     */
    public ToolResult run(CallRequest request, Snapshot snapshot, Approval approval) {
        long start = System.nanoTime();
        String correlationId = request.correlationId() != null ? request.correlationId() : CorrelationId.next();
        CallContext context;
        try {
            context = new CallContext(
                    request.tenantId() != null ? request.tenantId() : CallContext.DEFAULT_TENANT,
                    request.requestId() != null ? request.requestId() : correlationId,
                    request.actor() != null ? request.actor() : ANONYMOUS);
        } catch (IllegalArgumentException e) {
            context = new CallContext(CallContext.DEFAULT_TENANT, correlationId, ANONYMOUS);
            Call call = new Call(request, snapshot, correlationId, context, start, approval, null, null, null, null,
                    null);
            return finish(call, CallFailure.of(ErrorType.VALIDATION_ERROR, "context." + e.getMessage()));
        }
        Call call = new Call(request, snapshot, correlationId, context, start, approval, null, null, null, null, null);
        for (Stage stage : stages) {
            try {
                call = stage.apply(call);
            } catch (CallFailure failure) {
                return finish(call, failure);
            } catch (RigException e) {
                stageFailed(stage, request, correlationId, e);
                return finish(call, CallFailure.of(e.type(), e.getMessage(), e.hints().toArray(String[]::new)));
            } catch (RuntimeException e) {
                stageFailed(stage, request, correlationId, e);
                return finish(call, CallFailure.of(ErrorType.INTERNAL_ERROR, "the gateway failed in stage "
                        + stage.name() + "; see the gateway log for correlation id " + correlationId));
            }
        }
        return finish(call, null);
    }

    private static void stageFailed(Stage stage, CallRequest request, String correlationId, RuntimeException e) {
        LOG.atError().setMessage("stage failed").addKeyValue("stage", stage.name())
                .addKeyValue("tool", request.toolName()).addKeyValue("correlation_id", correlationId)
                .setCause(e).log();
    }

    private ToolResult finish(Call call, CallFailure failure) {
        try {
            audit.record(call, failure);
        } catch (RuntimeException e) {
            LOG.atError().setMessage("audit failed").addKeyValue("stage", "audit")
                    .addKeyValue("tool", call.request().toolName()).addKeyValue("correlation_id", call.correlationId())
                    .setCause(e).log();
            String ran = failure == null ? " The tool ran and succeeded, but" : "";
            return result(call, CallFailure.of(ErrorType.INTERNAL_ERROR, ran
                    + " the audit log could not record the call; treat its outcome as unknown",
                    "check the database (rig doctor)"));
        }
        ToolResult result = result(call, failure);
        if (LOG.isDebugEnabled()) {
            LOG.atDebug().setMessage("call finished").addKeyValue("tool", call.request().toolName())
                    .addKeyValue("pack", call.tool() == null ? null : call.tool().pack().id())
                    .addKeyValue("correlation_id", call.correlationId())
                    .addKeyValue("outcome", failure == null ? "ok" : failure.outcome().wireName())
                    .addKeyValue("duration_ms", (System.nanoTime() - call.startNanos()) / 1_000_000).log();
        }
        return result;
    }

    private static ToolResult result(Call call, CallFailure failure) {
        RegisteredTool tool = call.tool();
        Snapshot snapshot = call.snapshot();
        String pack = tool == null ? null : tool.pack().id();
        String packVersion = tool == null ? null : tool.pack().version();
        String hash = tool == null ? null : snapshot.interfaceHash();
        if (failure == null) {
            return new ToolResult(true, call.output(), null, call.correlationId(), pack, packVersion, hash,
                    snapshot.packSetVersion(), null);
        }
        ToolError error = new ToolError(failure.type(), failure.getMessage(), failure.retryable(),
                failure.upstreamCode(), failure.hints(), call.correlationId());
        return new ToolResult(false, null, error, call.correlationId(), pack, packVersion, hash,
                snapshot.packSetVersion(), failure.ticket());
    }
}
