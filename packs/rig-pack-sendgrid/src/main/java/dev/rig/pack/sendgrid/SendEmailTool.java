package dev.rig.pack.sendgrid;

import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import com.sendgrid.helpers.mail.objects.Personalization;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code sendgrid.email.send}: sends one email (POST /v3/mail/send). */
final class SendEmailTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("sendgrid.email.send")
            .description("Sends an email with Twilio SendGrid to one recipient, with a text part, an HTML part or"
                    + " both (at least one). The sender must be a verified Sender Identity or on an authenticated"
                    + " domain of the SendGrid account. SendGrid queues the email (status_code 202) and answers"
                    + " its message id; delivery happens later.")
            .risk(RiskClass.WRITE)
            .authSlots(SendGridConnector.API_KEY_SLOT)
            .tags("sendgrid", "email")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "to": {"type": "string", "format": "email", "minLength": 3, "maxLength": 320,
                               "description": "The recipient's email address."},
                        "from_email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 320,
                                       "description": "The sender's email address: a verified sender of the account."},
                        "subject": {"type": "string", "minLength": 1, "maxLength": 998},
                        "html_content": {"type": "string", "minLength": 1, "description": "The HTML body."},
                        "text_content": {"type": "string", "minLength": 1, "description": "The plain-text body."}
                      },
                      "required": ["to", "from_email", "subject"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "status_code": {"type": "integer", "description": "SendGrid's HTTP status: 202 when the email is queued."},
                        "message_id": {"type": ["string", "null"], "description": "The X-Message-Id SendGrid answered, or null when it sent none."}
                      },
                      "required": ["status_code", "message_id"],
                      "additionalProperties": false
                    }""")
            .example("welcome", "A plain-text welcome email.", """
                    {"to": "ada@example.com", "from_email": "hello@example.com", "subject": "Welcome aboard",
                     "text_content": "Thanks for signing up."}""", """
                    {"status_code": 202, "message_id": "W_RcUPVnTcqOUpBbYwNxxg"}""")
            .build();

    private final SendGridConnector sendGrid;

    SendEmailTool(SendGridConnector sendGrid) {
        this.sendGrid = sendGrid;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String text = call.string("text_content");
        String html = call.string("html_content");
        if (text == null && html == null) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "the email has no body: give 'text_content', 'html_content' or both")
                    .hint("pass 'text_content' with the plain-text body")
                    .build();
        }
        SendGridSession session = sendGrid.open(call);
        Request request = new Request();
        request.setMethod(Method.POST);
        request.setEndpoint("mail/send");
        request.setBody(mail(call, text, html));
        Response response = session.send(request, "send the email");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status_code", response.getStatusCode());
        output.put("message_id", SendGridSession.header(response, "X-Message-Id"));
        return output;
    }

    /** The mail/send body; text/plain goes before text/html, as SendGrid requires. */
    private static String mail(ToolCall call, String text, String html) throws ToolException {
        Mail mail = new Mail();
        mail.setFrom(new Email(call.string("from_email")));
        mail.setSubject(call.string("subject"));
        Personalization personalization = new Personalization();
        personalization.addTo(new Email(call.string("to")));
        mail.addPersonalization(personalization);
        if (text != null) {
            mail.addContent(new Content("text/plain", text));
        }
        if (html != null) {
            mail.addContent(new Content("text/html", html));
        }
        try {
            return mail.build();
        } catch (IOException e) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "the email could not be encoded as JSON: "
                    + e.getMessage()).cause(e).build();
        }
    }
}
