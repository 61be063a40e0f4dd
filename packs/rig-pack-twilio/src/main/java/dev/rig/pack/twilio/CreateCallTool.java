package dev.rig.pack.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code twilio.calls.create}: places an outbound call (POST /2010-04-01/Accounts/{sid}/Calls.json). */
final class CreateCallTool extends TwilioTool {

    private static final ToolDef DEFINITION = ToolDef.builder("twilio.calls.create")
            .description("Places an outbound voice call with Twilio. What the call does is given by exactly one of"
                    + " 'url' (a TwiML webhook Twilio fetches when the call connects) or 'twiml' (the TwiML itself)."
                    + " The caller ID is 'from', else the pack's default_from setting. Answers the call SID and its"
                    + " first status; follow it with twilio.calls.status.")
            .risk(RiskClass.WRITE)
            .authSlots(TwilioConnector.ACCOUNT_SID_SLOT, TwilioConnector.AUTH_TOKEN_SLOT)
            .tags("twilio", "voice")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "to": {"type": "string", "minLength": 1, "maxLength": 256,
                               "description": "Who to call: E.164 number (+15558675310), client:name or a SIP URI."},
                        "from": {"type": "string", "minLength": 1, "maxLength": 256,
                                 "description": "Caller ID: a Twilio number or verified caller ID in E.164 form. Defaults to the pack's default_from setting."},
                        "url": {"type": "string", "pattern": "^https?://", "maxLength": 2048,
                                "description": "The TwiML webhook Twilio requests when the call connects."},
                        "twiml": {"type": "string", "minLength": 1, "maxLength": 4000,
                                  "description": "TwiML instructions for the call, such as <Response><Say>Hello</Say></Response>."}
                      },
                      "required": ["to"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "sid": {"type": "string", "description": "The call SID (CA...)."},
                        "status": {"type": ["string", "null"], "description": "queued, ringing, in-progress, completed, busy, failed, no-answer or canceled."}
                      },
                      "required": ["sid", "status"],
                      "additionalProperties": false
                    }""")
            .example("say-hello", "Call a number and read a short message.", """
                    {"to": "+15558675310", "from": "+15017122661", "twiml": "<Response><Say>Your table is ready.</Say></Response>"}""", """
                    {"sid": "CAe1644a7eed5088b159577c5802d8be38", "status": "queued"}""")
            .build();

    CreateCallTool(TwilioConnector twilio) {
        super(twilio, DEFINITION);
    }

    @Override
    Map<String, Object> run(ToolCall call, TwilioRestClient client, TwilioSettings settings) throws ToolException {
        String url = call.string("url");
        String twiml = call.string("twiml");
        if ((url == null) == (twiml == null)) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "give exactly one of 'url' and 'twiml' to say what the call does"
                                    + (url == null ? ", not neither" : ", not both"))
                    .hint("pass 'twiml' such as <Response><Say>Hello</Say></Response>, or 'url' of a TwiML webhook")
                    .build();
        }
        String from = call.string("from") != null ? call.string("from") : settings.defaultFrom();
        if (from == null) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "no caller ID for the call: 'from' is missing and the twilio pack has no default_from"
                                    + " setting")
                    .hint("pass 'from' (a Twilio number in E.164 form), or set packs.twilio.default_from in rig.yaml")
                    .build();
        }
        PhoneNumber to = new PhoneNumber(call.string("to"));
        Call created = (url != null
                ? Call.creator(to, new PhoneNumber(from), URI.create(url))
                : Call.creator(to, new PhoneNumber(from), new Twiml(twiml)))
                .create(client);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("sid", sid(created.getSid()));
        output.put("status", created.getStatus() == null ? null : created.getStatus().toString());
        return output;
    }

    @Override
    String action() {
        return "place the call";
    }

    @Override
    String notFoundHint() {
        return "check " + TwilioConnector.ACCOUNT_SID_SLOT + " (the account the call is placed from)";
    }
}
