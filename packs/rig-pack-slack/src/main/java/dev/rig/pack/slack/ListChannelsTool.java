package dev.rig.pack.slack;

import com.slack.api.methods.request.conversations.ConversationsListRequest;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.ResponseMetadata;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code slack.channels.list}: one page of the workspace's conversations (conversations.list). */
final class ListChannelsTool implements Tool {

    static final int DEFAULT_LIMIT = 100;

    private static final ToolDef DEFINITION = ToolDef.builder("slack.channels.list")
            .description("Lists the workspace's channels the bot can see, one page at a time (conversations.list):"
                    + " id, name and whether the channel is private. Pass next_cursor back as cursor for the next"
                    + " page.")
            .risk(RiskClass.READ)
            .authSlots(SlackClient.TOKEN_SLOT)
            .tags("slack", "messaging")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "types": {"type": "string",
                                  "pattern": "^(public_channel|private_channel|mpim|im)(,(public_channel|private_channel|mpim|im))*$",
                                  "default": "public_channel",
                                  "description": "Comma-separated conversation types: public_channel, private_channel, mpim, im."},
                        "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100,
                                  "description": "Most channels to return in this page; Slack may return fewer."},
                        "cursor": {"type": "string", "minLength": 1, "maxLength": 1000,
                                   "description": "next_cursor of the previous page."}
                      },
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "ok": {"type": "boolean"},
                        "channels": {"type": "array", "items": {
                          "type": "object",
                          "properties": {
                            "id": {"type": "string"},
                            "name": {"type": ["string", "null"], "description": "Null for direct messages."},
                            "is_private": {"type": "boolean", "description": "True for private channels, group and direct messages."}
                          },
                          "required": ["id", "name", "is_private"],
                          "additionalProperties": false}},
                        "next_cursor": {"type": ["string", "null"], "description": "Cursor of the next page; null on the last page."}
                      },
                      "required": ["ok", "channels", "next_cursor"],
                      "additionalProperties": false
                    }""")
            .example("public", "The first page of public channels.", """
                    {"limit": 2}""", """
                    {"ok": true, "channels": [{"id": "C0123456789", "name": "general", "is_private": false},
                                              {"id": "C0987654321", "name": "deploys", "is_private": false}],
                     "next_cursor": "dGVhbTpDMDk4NzY1NDMyMQ=="}""")
            .example("private-too", "Public and private channels the bot is in.", """
                    {"types": "public_channel,private_channel"}""", null)
            .build();

    private final SlackClient slack;

    ListChannelsTool(SlackClient slack) {
        this.slack = slack;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        int limit = call.args().get("limit") instanceof Number number ? number.intValue() : DEFAULT_LIMIT;
        List<ConversationType> types = types(call.string("types"));
        ConversationsListResponse response = slack.call(call, "conversations.list",
                (methods, token) -> methods.conversationsList(ConversationsListRequest.builder()
                        .token(token)
                        .types(types)
                        .limit(limit)
                        .cursor(call.string("cursor"))
                        .build()),
                answer -> answer.getResponseMetadata() == null ? null : answer.getResponseMetadata().getMessages());
        List<Map<String, Object>> channels = new ArrayList<>();
        if (response.getChannels() != null) {
            for (Conversation conversation : response.getChannels()) {
                Map<String, Object> channel = new LinkedHashMap<>();
                channel.put("id", conversation.getId());
                channel.put("name", conversation.getName());
                channel.put("is_private", conversation.isPrivate() || conversation.isIm() || conversation.isMpim());
                channels.add(channel);
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("ok", true);
        output.put("channels", channels);
        output.put("next_cursor", nextCursor(response.getResponseMetadata()));
        return output;
    }

    /** The types argument as the SDK's enum; null (Slack's default, public channels) when absent. */
    private static List<ConversationType> types(String value) {
        if (value == null) {
            return null;
        }
        List<ConversationType> types = new ArrayList<>();
        for (String name : value.split(",")) {
            types.add(ConversationType.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        }
        return types;
    }

    private static String nextCursor(ResponseMetadata metadata) {
        String cursor = metadata == null ? null : metadata.getNextCursor();
        return cursor == null || cursor.isEmpty() ? null : cursor;
    }
}
