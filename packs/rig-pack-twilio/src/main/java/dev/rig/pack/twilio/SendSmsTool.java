package dev.rig.pack.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code twilio.sms.send}: sends one SMS (POST /2010-04-01/Accounts/{sid}/Messages.json). */
final class SendSmsTool extends TwilioTool {

    private static final ToolDef DEFINITION = ToolDef.builder("twilio.sms.send")
            .description("Sends an SMS with Twilio. The sender is 'from', else the pack's default_from setting;"
                    + " with the messaging_service_sid setting the message goes through that Messaging Service"
                    + " and 'from' may be left out. Answers the message SID and its first status (queued or"
                    + " accepted): delivery happens later.")
            .risk(RiskClass.WRITE)
            .authSlots(TwilioConnector.ACCOUNT_SID_SLOT, TwilioConnector.AUTH_TOKEN_SLOT)
            .tags("twilio", "sms", "messaging")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "to": {"type": "string", "minLength": 1, "maxLength": 256,
                               "description": "Recipient in E.164 form (+15558675310), or a channel address such as whatsapp:+15558675310."},
                        "body": {"type": "string", "minLength": 1, "maxLength": 1600,
                                 "description": "The text, up to 1600 characters."},
                        "from": {"type": "string", "minLength": 1, "maxLength": 256,
                                 "description": "Sender: a Twilio number in E.164 form, a short code or an alphanumeric sender ID. Defaults to the pack's default_from setting."}
                      },
                      "required": ["to", "body"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "sid": {"type": "string", "description": "The message SID (SM...)."},
                        "status": {"type": ["string", "null"], "description": "queued, accepted, sending, sent, failed, delivered, undelivered, ..."},
                        "to": {"type": ["string", "null"]},
                        "from": {"type": ["string", "null"], "description": "Null while a Messaging Service is still choosing the sender."}
                      },
                      "required": ["sid", "status", "to", "from"],
                      "additionalProperties": false
                    }""")
            .example("shipping-notice", "Text a customer from a Twilio number.", """
                    {"to": "+15558675310", "body": "Your order has shipped.", "from": "+15017122661"}""", """
                    {"sid": "SM1f0e8ae6ade43cb3c0ce4525424e404f", "status": "queued", "to": "+15558675310", "from": "+15017122661"}""")
            .build();

    SendSmsTool(TwilioConnector twilio) {
        super(twilio, DEFINITION);
    }

    @Override
    Map<String, Object> run(ToolCall call, TwilioRestClient client, TwilioSettings settings) throws ToolException {
        String from = call.string("from") != null ? call.string("from") : settings.defaultFrom();
        String service = settings.messagingServiceSid();
        if (from == null && service == null) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "no sender for the SMS: 'from' is missing and the twilio pack has no default_from"
                                    + " or messaging_service_sid setting")
                    .hint("pass 'from' (a Twilio number in E.164 form), or set packs.twilio.default_from or"
                            + " packs.twilio.messaging_service_sid in rig.yaml")
                    .build();
        }
        PhoneNumber to = new PhoneNumber(call.string("to"));
        MessageCreator creator = from != null
                ? Message.creator(to, new PhoneNumber(from), call.string("body"))
                : Message.creator(to, service, call.string("body"));
        if (from != null && service != null) {
            creator.setMessagingServiceSid(service);
        }
        Message message = creator.create(client);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("sid", sid(message.getSid()));
        output.put("status", message.getStatus() == null ? null : message.getStatus().toString());
        output.put("to", message.getTo());
        output.put("from", message.getFrom() == null ? null : message.getFrom().toString());
        return output;
    }

    @Override
    String action() {
        return "send the SMS";
    }

    @Override
    String notFoundHint() {
        return "check " + TwilioConnector.ACCOUNT_SID_SLOT + " (the account the message is sent from)";
    }
}
