package dev.rig.pack.google;

import com.google.api.services.gmail.model.Message;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code google.gmail.messages.send}: sends a text or HTML email (POST
 * /gmail/v1/users/{userId}/messages/send with the RFC 5322 message base64url-encoded in {@code raw}).
 *
 * <p>Not idempotent: Gmail has no idempotency key, so a failed attempt is never retried (a retry
 * after a lost answer could send the mail twice).
 */
final class GmailMessagesSendTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("google.gmail.messages.send")
            .description("Sends an email through Gmail as the Workspace user named by packs.google.impersonate"
                    + " (domain-wide delegation of the service account in GOOGLE_CREDENTIALS_JSON). The body is"
                    + " plain text, or HTML when html is true; subject and names may use any Unicode text.")
            .risk(RiskClass.WRITE)
            .authSlots(ServiceAccounts.SLOT)
            .tags("google", "gmail", "email")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "to": {"type": ["string", "array"], "minLength": 3, "maxLength": 4000, "minItems": 1, "maxItems": 100,
                          "items": {"type": "string", "minLength": 3, "maxLength": 400},
                          "description": "Recipients: \\"ada@example.com\\", \\"Ada Lovelace <ada@example.com>\\", several separated by commas or as a list."},
                        "cc": {"type": ["string", "array"], "maxLength": 4000, "maxItems": 100,
                          "items": {"type": "string", "minLength": 3, "maxLength": 400}},
                        "bcc": {"type": ["string", "array"], "maxLength": 4000, "maxItems": 100,
                          "items": {"type": "string", "minLength": 3, "maxLength": 400}},
                        "subject": {"type": "string", "maxLength": 2000},
                        "body": {"type": "string", "maxLength": 2000000},
                        "html": {"type": "boolean", "default": false, "description": "The body is HTML, not plain text."},
                        "from": {"type": "string", "minLength": 3, "maxLength": 400,
                          "description": "From header; Gmail accepts the user's address or one of its send-as aliases. Default: the user's address."},
                        "user_id": {"type": "string", "minLength": 1, "maxLength": 320, "default": "me",
                          "description": "The mailbox that sends: 'me' (the impersonated user) or its address."}
                      },
                      "required": ["to", "subject", "body"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "id": {"type": "string", "description": "The sent message's id."},
                        "thread_id": {"type": ["string", "null"]},
                        "label_ids": {"type": "array", "items": {"type": "string"}}
                      },
                      "required": ["id", "thread_id", "label_ids"],
                      "additionalProperties": false
                    }""")
            .example("report", "A plain-text note to one person.", """
                    {"to": "ada@example.com", "subject": "Weekly report", "body": "Hi Ada,\\nthe report is in Drive.\\n"}""",
                    """
                    {"id": "18c1f0e2a9b3d4e5", "thread_id": "18c1f0e2a9b3d4e5", "label_ids": ["SENT"]}""")
            .example("html-with-cc", "HTML mail with a Unicode subject, a copy and a blind copy.", """
                    {"to": ["Zoë Martín <zoe@example.com>"], "cc": "team@example.com", "bcc": "audit@example.com",
                     "subject": "Résumé prêt ✅", "body": "<p>The <b>résumé</b> is ready.</p>", "html": true}""", null)
            .build();

    private final GoogleClients google;

    GmailMessagesSendTool(GoogleClients google) {
        this.google = google;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        List<String> to = MailMessage.addresses(call.args().get("to"), "to");
        if (to.isEmpty()) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "to names no recipient")
                    .hint("give at least one address, such as \"ada@example.com\"")
                    .build();
        }
        List<String> cc = MailMessage.addresses(call.args().get("cc"), "cc");
        List<String> bcc = MailMessage.addresses(call.args().get("bcc"), "bcc");
        String fromArg = Args.optional(call, "from", null);
        String from = null;
        if (fromArg != null) {
            List<String> senders = MailMessage.addresses(fromArg, "from");
            if (senders.size() != 1) {
                throw ToolException.builder(ErrorType.VALIDATION_ERROR, "from must name exactly one address")
                        .hint("give the sender as \"me@example.com\" or \"My Name <me@example.com>\"")
                        .build();
            }
            from = senders.get(0);
        }
        String subject = Args.optional(call, "subject", "");
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "subject must be one line")
                    .hint("remove the line breaks from subject")
                    .build();
        }
        String body = Args.optional(call, "body", "");
        boolean html = Args.bool(call, "html", false);
        String userId = Args.optional(call, "user_id", "me");
        byte[] mime = new MailMessage(from, to, cc, bcc, subject, body, html).render();
        Message sent = google.gmail(call, gmail -> gmail.users().messages()
                .send(userId, new Message().encodeRaw(mime))
                .execute());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", sent.getId());
        output.put("thread_id", sent.getThreadId());
        output.put("label_ids", sent.getLabelIds() == null ? List.of() : List.copyOf(sent.getLabelIds()));
        return output;
    }
}
