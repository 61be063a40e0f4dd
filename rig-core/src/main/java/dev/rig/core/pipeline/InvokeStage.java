package dev.rig.core.pipeline;

import dev.rig.core.api.Cancellation;
import dev.rig.core.policy.ToolPlan;
import dev.rig.core.registry.RegisteredTool;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import io.github.resilience4j.retry.Retry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code invoke}: runs the tool on the caller's thread with the plan's timeout per attempt (the
 * thread is interrupted when it passes, see {@link Deadline}), retrying only what the plan says
 * is safe.
 *
 * <p>Anything the tool throws other than {@link ToolException} becomes {@code internal_error}
 * naming the pack; the exception is logged, never shown. Secret values are scrubbed from every
 * message a tool returns.
 */
final class InvokeStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(InvokeStage.class);

    private final ScheduledExecutorService timer;
    private final InstantSource clock;

    InvokeStage(ScheduledExecutorService timer, InstantSource clock) {
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "invoke";
    }

    @Override
    public Call apply(Call call) throws CallFailure {
        ToolPlan plan = call.tool().plan();
        AtomicInteger attempt = new AtomicInteger();
        try {
            Map<String, Object> output;
            Retry retry = plan.retry();
            if (retry == null) {
                output = attempt(call, attempt.incrementAndGet());
            } else {
                output = Retry.decorateCheckedSupplier(retry, () -> attempt(call, attempt.incrementAndGet())).get();
            }
            return call.withOutput(output);
        } catch (ToolException e) {
            throw scrubbed(CallFailure.from(e), call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CallFailure.cancelled("the call was cancelled before " + call.tool().name() + " finished");
        } catch (Cancelled e) {
            throw CallFailure.cancelled(call.tool().name() + " was cancelled: " + e.getMessage());
        } catch (CallFailure e) {
            throw e;
        } catch (Throwable e) {
            throw internal(call.tool(), e, call.correlationId());
        }
    }

    private Map<String, Object> attempt(Call call, int number)
            throws ToolException, InterruptedException, Cancelled {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled before attempt " + number);
        }
        Cancellation cancellation = call.request().cancellation();
        if (cancellation != null && cancellation.isCancelled()) {
            throw new Cancelled(cancellation.reason());
        }
        RegisteredTool tool = call.tool();
        Instant deadline = clock.instant().plus(tool.plan().timeout());
        ToolCall toolCall = new ToolCall(tool.name(), call.request().args(), call.context(), call.correlationId(),
                idempotencyKey(call), call.secrets(), deadline, number, call.request().reporter());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(tool.tool().getClass().getClassLoader());
        Deadline watch = Deadline.arm(timer, tool.plan().timeout(), cancellation);
        Map<String, Object> output;
        try {
            output = tool.tool().invoke(toolCall);
        } catch (InterruptedException e) {
            ended(watch.disarm(), tool, number, cancellation);
            throw e;
        } catch (ToolException e) {
            // A tool may turn the interrupt into an error of its own (an interrupted HTTP call): that
            // error is the timeout or the cancellation.
            ended(watch.disarm(), tool, number, cancellation);
            throw e;
        } catch (RuntimeException | Error e) {
            ended(watch.disarm(), tool, number, cancellation);
            LOG.atError().setMessage("tool failed unexpectedly").addKeyValue("stage", "invoke")
                    .addKeyValue("tool", tool.name()).addKeyValue("pack", tool.pack().id())
                    .addKeyValue("correlation_id", call.correlationId()).setCause(e).log();
            throw ToolException.builder(ErrorType.INTERNAL_ERROR, "pack " + tool.pack().id() + " failed in "
                            + tool.name() + " (" + e.getClass().getSimpleName() + "); see the gateway log for "
                            + "correlation id " + call.correlationId())
                    .retryable(false).build();
        } finally {
            thread.setContextClassLoader(previous);
        }
        Deadline.Ending ending = watch.disarm();
        if (output == null) {
            ended(ending, tool, number, cancellation);
            throw ToolException.builder(ErrorType.INTERNAL_ERROR, "pack " + tool.pack().id() + ": tool "
                    + tool.name() + " returned no output").retryable(false).build();
        }
        return output;
    }

    /** Throws the timeout or the cancellation that ended an attempt, if one did. */
    private static void ended(Deadline.Ending ending, RegisteredTool tool, int number, Cancellation cancellation)
            throws ToolException, Cancelled {
        switch (ending) {
            case TIMED_OUT -> throw timedOut(tool, number);
            case CANCELLED -> throw new Cancelled(cancellation.reason());
            case FINISHED -> { }
        }
    }

    /** The caller cancelled the call; never retried. */
    private static final class Cancelled extends Exception {
        Cancelled(String reason) {
            super(reason, null, false, false);
        }
    }

    private static ToolException timedOut(RegisteredTool tool, int number) {
        return ToolException.builder(ErrorType.TIMEOUT, tool.name() + " did not finish within "
                        + tool.plan().timeout().toSeconds() + " s (attempt " + number + ")")
                .hint("raise policy.tools." + tool.name() + ".timeout_seconds in rig.yaml if the upstream is slow")
                .build();
    }

    private static String idempotencyKey(Call call) {
        return call.approval() != null ? "rig-" + call.approval().correlationId() : "rig-" + call.correlationId();
    }

    private static CallFailure scrubbed(CallFailure failure, Call call) {
        if (call.secrets() == null) {
            return failure;
        }
        List<String> hints = failure.hints().stream().map(h -> Redaction.text(h, call.secrets())).toList();
        return new CallFailure(failure.type(), Redaction.text(failure.getMessage(), call.secrets()),
                failure.retryable(), Redaction.text(failure.upstreamCode(), call.secrets()), hints,
                failure.outcome(), null);
    }

    private static CallFailure internal(RegisteredTool tool, Throwable e, String correlationId) {
        LOG.atError().setMessage("invoke failed").addKeyValue("stage", "invoke").addKeyValue("tool", tool.name())
                .addKeyValue("correlation_id", correlationId).setCause(e).log();
        return CallFailure.of(ErrorType.INTERNAL_ERROR, "pack " + tool.pack().id() + " failed in " + tool.name()
                + "; see the gateway log for correlation id " + correlationId);
    }
}
