package dev.rig.pack.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import dev.rig.spi.RiskClass;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code twilio.calls.status}: one call's state (GET /2010-04-01/Accounts/{sid}/Calls/{call}.json). */
final class CallStatusTool extends TwilioTool {

    private static final ToolDef DEFINITION = ToolDef.builder("twilio.calls.status")
            .description("Looks up a Twilio voice call by SID: its status, its duration in seconds once it has"
                    + " ended, and its direction.")
            .risk(RiskClass.READ)
            .idempotent(true)
            .authSlots(TwilioConnector.ACCOUNT_SID_SLOT, TwilioConnector.AUTH_TOKEN_SLOT)
            .tags("twilio", "voice")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "call_sid": {"type": "string", "pattern": "^CA[0-9a-fA-F]{32}$",
                                     "description": "The call SID (CA followed by 32 hex digits), as twilio.calls.create answers it."}
                      },
                      "required": ["call_sid"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "sid": {"type": "string"},
                        "status": {"type": ["string", "null"], "description": "queued, ringing, in-progress, completed, busy, failed, no-answer or canceled."},
                        "duration": {"type": ["integer", "null"], "minimum": 0, "description": "Seconds; null until the call has ended."},
                        "direction": {"type": ["string", "null"], "description": "inbound, outbound-api or outbound-dial."}
                      },
                      "required": ["sid", "status", "duration", "direction"],
                      "additionalProperties": false
                    }""")
            .example("finished-call", "How did the call placed earlier end?", """
                    {"call_sid": "CAe1644a7eed5088b159577c5802d8be38"}""", """
                    {"sid": "CAe1644a7eed5088b159577c5802d8be38", "status": "completed", "duration": 42, "direction": "outbound-api"}""")
            .build();

    CallStatusTool(TwilioConnector twilio) {
        super(twilio, DEFINITION);
    }

    @Override
    Map<String, Object> run(ToolCall call, TwilioRestClient client, TwilioSettings settings) throws ToolException {
        Call found = Call.fetcher(call.string("call_sid")).fetch(client);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("sid", sid(found.getSid()));
        output.put("status", found.getStatus() == null ? null : found.getStatus().toString());
        output.put("duration", seconds(found.getDuration()));
        output.put("direction", found.getDirection());
        return output;
    }

    /** Twilio sends the duration as a string of seconds, or null while the call is under way. */
    private static Integer seconds(String duration) {
        if (duration == null || duration.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(duration.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    @Override
    String action() {
        return "look up the call";
    }

    @Override
    String notFoundHint() {
        return "check call_sid: it must be a call of the account in " + TwilioConnector.ACCOUNT_SID_SLOT;
    }
}
