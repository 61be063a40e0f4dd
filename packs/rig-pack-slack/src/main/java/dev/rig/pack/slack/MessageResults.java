package dev.rig.pack.slack;

import com.google.gson.Gson;
import com.slack.api.model.ErrorResponseMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the two message tools share: blocks as Slack takes them, and the output they give. */
final class MessageResults {

    /** The output schema of slack.messages.post and slack.messages.update. */
    static final String OUTPUT_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "ok": {"type": "boolean", "description": "True: Slack accepted the message."},
                "ts": {"type": ["string", "null"],
                       "description": "The message's timestamp id; pass it as ts to update it, or as thread_ts to reply."},
                "channel": {"type": ["string", "null"], "description": "The id of the channel the message is in."}
              },
              "required": ["ok", "ts", "channel"],
              "additionalProperties": false
            }""";

    /** The input schema's {@code blocks} property. */
    static final String BLOCKS_PROPERTY = """
            {"type": "array", "minItems": 1, "maxItems": 50,
             "items": {"type": "object", "properties": {"type": {"type": "string", "minLength": 1}},
                       "required": ["type"]},
             "description": "Block Kit layout blocks (at most 50); text is then the notification fallback."}""";

    private static final Gson GSON = new Gson();

    private MessageResults() {
    }

    /** The blocks argument as the JSON text Slack takes in its form field, or null when absent. */
    static String blocksJson(Object blocks) {
        return blocks instanceof List<?> list ? GSON.toJson(list) : null;
    }

    /** The tool output: Slack's channel id and ts, or what the call named when Slack leaves one out. */
    static Map<String, Object> output(String ts, String channel) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("ok", true);
        output.put("ts", ts);
        output.put("channel", channel);
        return output;
    }

    /** Slack's explanations of a refused message: {@code errors} and {@code response_metadata.messages}. */
    static List<String> said(List<String> errors, ErrorResponseMetadata metadata) {
        List<String> said = new ArrayList<>();
        if (errors != null) {
            said.addAll(errors);
        }
        if (metadata != null && metadata.getMessages() != null) {
            said.addAll(metadata.getMessages());
        }
        return said;
    }
}
