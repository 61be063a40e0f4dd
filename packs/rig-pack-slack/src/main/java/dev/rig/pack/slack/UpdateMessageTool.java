package dev.rig.pack.slack;

import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.Map;

/** {@code slack.messages.update}: replaces the text (and blocks) of a message the bot posted (chat.update). */
final class UpdateMessageTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("slack.messages.update")
            .description("Replaces the text, and optionally the blocks, of a message the bot posted (chat.update)."
                    + " Needs the channel id and the ts that slack.messages.post returned.")
            .risk(RiskClass.WRITE)
            .authSlots(SlackClient.TOKEN_SLOT)
            .tags("slack", "messaging")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "channel": {"type": "string", "minLength": 1, "maxLength": 255,
                                    "description": "Id of the channel holding the message (C0123456789)."},
                        "ts": {"type": "string", "pattern": "^[0-9]+[.][0-9]+$",
                               "description": "The message's ts, as slack.messages.post returned it."},
                        "text": {"type": "string", "maxLength": 40000,
                                 "description": "The new message text in Slack mrkdwn; with blocks, the notification fallback."},
                        "blocks": %s
                      },
                      "required": ["channel", "ts", "text"],
                      "additionalProperties": false
                    }""".formatted(MessageResults.BLOCKS_PROPERTY))
            .outputSchema(MessageResults.OUTPUT_SCHEMA)
            .example("edit", "Correct a message posted earlier.", """
                    {"channel": "C0123456789", "ts": "1716400000.000100", "text": "Deploy 42 finished (took 3 min)"}""",
                    """
                    {"ok": true, "ts": "1716400000.000100", "channel": "C0123456789"}""")
            .build();

    private final SlackClient slack;

    UpdateMessageTool(SlackClient slack) {
        this.slack = slack;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String channel = call.string("channel");
        String ts = call.string("ts");
        ChatUpdateResponse response = slack.call(call, "chat.update",
                (methods, token) -> methods.chatUpdate(ChatUpdateRequest.builder()
                        .token(token)
                        .channel(channel)
                        .ts(ts)
                        .text(call.string("text"))
                        .blocksAsString(MessageResults.blocksJson(call.args().get("blocks")))
                        .build()),
                answer -> MessageResults.said(null, answer.getResponseMetadata()));
        return MessageResults.output(response.getTs() != null ? response.getTs() : ts,
                response.getChannel() != null ? response.getChannel() : channel);
    }
}
