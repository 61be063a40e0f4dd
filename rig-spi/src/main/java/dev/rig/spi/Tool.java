package dev.rig.spi;

import java.util.Map;

/**
 * One operation a pack exposes: its definition and the code that runs it.
 *
 * <p><b>Threading:</b> a tool is shared by all calls and invoked concurrently, each call on its
 * own virtual thread; keep per-call state in locals. Blocking I/O is fine. When the call's
 * deadline passes the thread is interrupted: let {@link InterruptedException} and interrupted
 * I/O end the call.
 *
 * <p><b>Errors:</b> throw {@link ToolException} with the matching {@link ErrorType}; anything
 * else is reported as {@code internal_error}.
 */
public interface Tool {

    /** The tool's definition; called once when the pack is loaded. */
    ToolDef definition();

    /**
     * Runs one call and returns its output, which must match the output schema.
     *
     * @param call the validated call; never null
     * @return the output object (JSON-like values); never null
     */
    Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException;

    /**
     * The risk of one call with these (already validated) arguments: by default the definition's.
     * A tool whose arguments can make a call riskier says so here, such as an update that may touch
     * every row ({@code all_rows: true}) answering {@link RiskClass#DESTRUCTIVE}. The gateway holds
     * the call for approval when either this risk or the definition's requires it, so a tool can
     * raise the bar for some calls, never lower it. Called before {@link #invoke}; must be quick and
     * must not call the upstream.
     */
    default RiskClass riskOf(Map<String, Object> args) {
        return definition().riskClass();
    }
}
