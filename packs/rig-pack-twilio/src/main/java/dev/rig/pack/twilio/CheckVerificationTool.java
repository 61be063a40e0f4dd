package dev.rig.pack.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import dev.rig.spi.RiskClass;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code twilio.verify.check}: checks a one-time code (POST /v2/Services/{service}/VerificationCheck). */
final class CheckVerificationTool extends TwilioTool {

    private static final ToolDef DEFINITION = ToolDef.builder("twilio.verify.check")
            .description("Checks the one-time code a person gave back against the verification twilio.verify.start"
                    + " began. A wrong code answers valid false and status pending; a right one valid true and"
                    + " status approved. A verification that expired (10 minutes), was approved already or ran out"
                    + " of attempts answers not_found.")
            .risk(RiskClass.WRITE)
            .authSlots(TwilioConnector.ACCOUNT_SID_SLOT, TwilioConnector.AUTH_TOKEN_SLOT)
            .tags("twilio", "verify", "otp")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "service_sid": {"type": "string", "pattern": "^VA[0-9a-fA-F]{32}$",
                                        "description": "The Verify service SID the verification was started with."},
                        "to": {"type": "string", "minLength": 1, "maxLength": 320,
                               "description": "The phone number or email address the code was sent to."},
                        "code": {"type": "string", "minLength": 4, "maxLength": 10, "writeOnly": true,
                                 "description": "The code the person received; kept out of the audit log."}
                      },
                      "required": ["service_sid", "to", "code"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "status": {"type": ["string", "null"], "description": "pending, approved, canceled, max_attempts_reached, deleted, failed or expired."},
                        "valid": {"type": "boolean", "description": "Whether the code was right."}
                      },
                      "required": ["status", "valid"],
                      "additionalProperties": false
                    }""")
            .example("right-code", "Confirm the code the person typed in.", """
                    {"service_sid": "VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "to": "+15558675310", "code": "123456"}""", """
                    {"status": "approved", "valid": true}""")
            .build();

    CheckVerificationTool(TwilioConnector twilio) {
        super(twilio, DEFINITION);
    }

    @Override
    Map<String, Object> run(ToolCall call, TwilioRestClient client, TwilioSettings settings) throws ToolException {
        VerificationCheck check = VerificationCheck.creator(call.string("service_sid"))
                .setTo(call.string("to"))
                .setCode(call.string("code"))
                .create(client);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", check.getStatus());
        output.put("valid", Boolean.TRUE.equals(check.getValid()));
        return output;
    }

    @Override
    String action() {
        return "check the code";
    }

    @Override
    String notFoundHint() {
        return "no pending verification for 'to' in this service: it expired (10 minutes), was approved already"
                + " or ran out of attempts; start a new one with twilio.verify.start";
    }
}
