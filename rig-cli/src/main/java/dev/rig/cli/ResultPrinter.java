package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.ErrorType;
import java.io.PrintWriter;
import java.net.URI;
import picocli.CommandLine;

/**
 * Prints an RTP ToolResult the way {@code call} and {@code approve} show it: the output on stdout
 * when it worked; the error (type, message, hints) on stderr when not; for a held call, the token
 * on stdout and how to approve it on stderr. With {@code --json}, stdout is the whole result.
 */
final class ResultPrinter {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final URI gateway;

    ResultPrinter(CommandLine command, boolean json, URI gateway) {
        this.out = command.getOut();
        this.err = command.getErr();
        this.json = json;
        this.gateway = gateway;
    }

    /** Prints {@code result} and says how the command ends. */
    ExitCode print(JsonNode result) {
        if (json) {
            JsonOutput.print(out, result);
        }
        if (result.path("ok").asBoolean(false)) {
            if (!json) {
                JsonOutput.print(out, result.path("output"));
            }
            return ExitCode.OK;
        }
        JsonNode error = result.path("error");
        ErrorType type = errorType(error.path("type").asText(""));
        if (type == ErrorType.APPROVAL_REQUIRED) {
            return held(result, error);
        }
        err.println("error: " + error.path("type").asText("unknown_error") + ": " + error.path("message").asText(""));
        error.path("remediation_hints").forEach(hint -> err.println("  hint: " + hint.asText()));
        String correlationId = result.path("correlation_id").asText(null);
        if (correlationId != null) {
            err.println("  correlation id: " + correlationId);
        }
        err.flush();
        return type == null ? ExitCode.FAILED : ExitCode.forError(type, error.path("reason").asText(null));
    }

    private ExitCode held(JsonNode result, JsonNode error) {
        JsonNode approval = result.path("approval");
        String token = approval.path("token").asText(null);
        if (token == null) {
            token = tokenFromHints(error);
        }
        if (!json) {
            out.println(token == null ? "" : token);
            out.flush();
        }
        err.println("approval required: " + error.path("message").asText("the call waits for a human"));
        if (token != null) {
            err.println("  approve: rig approve " + token + " --url " + gateway);
            err.println("  deny:    rig deny " + token + " --url " + gateway);
            err.println("  RGP:     POST " + gateway + "/v1/approvals/" + token + ":approve (header X-RIG-Actor-ID)");
        }
        err.flush();
        return ExitCode.APPROVAL;
    }

    /** The original carried the token in a hint as {@code approve token: <uuid>}. */
    private static String tokenFromHints(JsonNode error) {
        for (JsonNode hint : error.path("remediation_hints")) {
            String text = hint.asText();
            int at = text.indexOf("approve token: ");
            if (at >= 0) {
                return text.substring(at + "approve token: ".length()).trim();
            }
        }
        return null;
    }

    private static ErrorType errorType(String wire) {
        try {
            return ErrorType.fromWire(wire);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
