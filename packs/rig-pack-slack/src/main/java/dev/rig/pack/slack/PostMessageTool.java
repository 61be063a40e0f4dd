package dev.rig.pack.slack;

import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.Map;

/** {@code slack.messages.post}: posts a message to a channel or thread (chat.postMessage). */
final class PostMessageTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("slack.messages.post")
            .description("Posts a message to a Slack channel, or as a reply in a thread (chat.postMessage). The bot"
                    + " must be a member of the channel unless the app has chat:write.public. Not retried: a"
                    + " repeated call posts the message again.")
            .risk(RiskClass.WRITE)
            .authSlots(SlackClient.TOKEN_SLOT)
            .tags("slack", "messaging")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "channel": {"type": "string", "minLength": 1, "maxLength": 255,
                                    "description": "Channel id (C0123456789), a channel name (#general), or a user id for a direct message."},
                        "text": {"type": "string", "maxLength": 40000,
                                 "description": "Message text in Slack mrkdwn; with blocks, the notification fallback."},
                        "blocks": %s,
                        "thread_ts": {"type": "string", "pattern": "^[0-9]+[.][0-9]+$",
                                      "description": "ts of the thread's first message, to post a reply in that thread."}
                      },
                      "required": ["channel", "text"],
                      "additionalProperties": false
                    }""".formatted(MessageResults.BLOCKS_PROPERTY))
            .outputSchema(MessageResults.OUTPUT_SCHEMA)
            .example("announce", "Post a line to a channel by id.", """
                    {"channel": "C0123456789", "text": "Deploy 42 finished :white_check_mark:"}""", """
                    {"ok": true, "ts": "1716400000.000100", "channel": "C0123456789"}""")
            .example("reply-with-blocks", "Reply in a thread with a Block Kit section.", """
                    {"channel": "C0123456789", "text": "Build failed", "thread_ts": "1716400000.000100",
                     "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*Build failed* on main"}}]}""",
                    null)
            .build();

    private final SlackClient slack;

    PostMessageTool(SlackClient slack) {
        this.slack = slack;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String channel = call.string("channel");
        ChatPostMessageResponse response = slack.call(call, "chat.postMessage",
                (methods, token) -> methods.chatPostMessage(ChatPostMessageRequest.builder()
                        .token(token)
                        .channel(channel)
                        .text(call.string("text"))
                        .blocksAsString(MessageResults.blocksJson(call.args().get("blocks")))
                        .threadTs(call.string("thread_ts"))
                        // the SDK sends unfurl_media=0 unless told: keep Slack's default (media unfurls)
                        .unfurlMedia(true)
                        .build()),
                answer -> MessageResults.said(answer.getErrors(), answer.getResponseMetadata()));
        String ts = response.getTs() != null ? response.getTs()
                : response.getMessage() != null ? response.getMessage().getTs() : null;
        return MessageResults.output(ts, response.getChannel() != null ? response.getChannel() : channel);
    }
}
