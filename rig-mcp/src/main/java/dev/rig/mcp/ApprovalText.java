package dev.rig.mcp;

import dev.rig.core.api.ApprovalTicket;
import dev.rig.core.json.Json;
import java.util.function.Supplier;

/**
 * What an MCP client shows its user when a call waits for approval: the tool, its risk, the
 * arguments (secrets redacted), the token, and exactly how to approve or deny it.
 *
 * @param rgpUrl the RGP base URL of this gateway, such as {@code http://127.0.0.1:8787}; asked each
 *     time, because the server learns its port only once it listens
 */
record ApprovalText(Supplier<String> rgpUrl) {

    ApprovalText(String fixed) {
        this(() -> fixed);
    }

    String describe(ApprovalTicket ticket) {
        String token = ticket.token().toString();
        return "Approval required: " + ticket.toolName() + " (risk: " + ticket.riskClass().wireName()
                + ") is waiting for a human. Nothing has run yet.\n"
                + "Arguments (secrets redacted): " + Json.write(ticket.args()) + "\n"
                + "approve token: " + token + " (expires " + ticket.expiresAt() + ")\n"
                + "To approve, a person other than the requester runs: rig approve " + token + "\n"
                + "  or: curl -X POST -H 'X-RIG-Actor-ID: <your name>' " + rgpUrl.get() + "/v1/approvals/" + token
                + ":approve\n"
                + "To refuse: rig deny " + token + "\n"
                + "Approving runs this exact call once; its result is in the approve response and in the audit log.";
    }

    /** The question asked through MCP elicitation. */
    String question(ApprovalTicket ticket) {
        return "Allow " + ticket.toolName() + " (risk: " + ticket.riskClass().wireName() + ") to run with "
                + Json.write(ticket.args()) + "?";
    }
}
