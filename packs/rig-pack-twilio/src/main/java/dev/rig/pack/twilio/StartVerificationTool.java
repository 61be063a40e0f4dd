package dev.rig.pack.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.service.Verification;
import dev.rig.spi.RiskClass;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code twilio.verify.start}: sends a one-time code (POST /v2/Services/{service}/Verifications). */
final class StartVerificationTool extends TwilioTool {

    private static final ToolDef DEFINITION = ToolDef.builder("twilio.verify.start")
            .description("Starts a Twilio Verify check: Twilio sends a one-time code to 'to' by SMS, voice call,"
                    + " email or WhatsApp. Confirm the code the person gives back with twilio.verify.check within"
                    + " 10 minutes. Each call sends a new message.")
            .risk(RiskClass.WRITE)
            .authSlots(TwilioConnector.ACCOUNT_SID_SLOT, TwilioConnector.AUTH_TOKEN_SLOT)
            .tags("twilio", "verify", "otp")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "service_sid": {"type": "string", "pattern": "^VA[0-9a-fA-F]{32}$",
                                        "description": "The Verify service SID (VA followed by 32 hex digits)."},
                        "to": {"type": "string", "minLength": 1, "maxLength": 320,
                               "description": "Phone number in E.164 form (+15558675310), or an email address for the email channel."},
                        "channel": {"type": "string", "enum": ["sms", "call", "email", "whatsapp"], "default": "sms",
                                    "description": "How the code is sent."}
                      },
                      "required": ["service_sid", "to"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "sid": {"type": "string", "description": "The verification SID (VE...)."},
                        "status": {"type": ["string", "null"], "description": "pending until the code is checked."},
                        "to": {"type": ["string", "null"]},
                        "channel": {"type": ["string", "null"]}
                      },
                      "required": ["sid", "status", "to", "channel"],
                      "additionalProperties": false
                    }""")
            .example("sms-code", "Text a sign-in code.", """
                    {"service_sid": "VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "to": "+15558675310", "channel": "sms"}""", """
                    {"sid": "VE0123456789abcdef0123456789abcdef", "status": "pending", "to": "+15558675310", "channel": "sms"}""")
            .build();

    StartVerificationTool(TwilioConnector twilio) {
        super(twilio, DEFINITION);
    }

    @Override
    Map<String, Object> run(ToolCall call, TwilioRestClient client, TwilioSettings settings) throws ToolException {
        String channel = call.string("channel") == null ? "sms" : call.string("channel");
        Verification verification = Verification.creator(call.string("service_sid"), call.string("to"), channel)
                .create(client);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("sid", sid(verification.getSid()));
        output.put("status", verification.getStatus());
        output.put("to", verification.getTo());
        output.put("channel", verification.getChannel() == null ? null : verification.getChannel().toString());
        return output;
    }

    @Override
    String action() {
        return "start the verification";
    }

    @Override
    String notFoundHint() {
        return "check service_sid: it must be a Verify service of the account in "
                + TwilioConnector.ACCOUNT_SID_SLOT + " (Twilio Console, Verify, Services)";
    }
}
