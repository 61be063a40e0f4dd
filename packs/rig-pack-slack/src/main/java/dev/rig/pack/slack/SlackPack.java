package dev.rig.pack.slack;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.util.List;

/** The {@code slack} pack: post and update messages, list channels and find users, with a bot token. */
public final class SlackPack implements Pack {

    @Override
    public String id() {
        return "slack";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "Posts and updates Slack messages, lists channels and looks up users by email, with a bot token"
                + " (SLACK_BOT_TOKEN), through Slack's official Java SDK.";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code base_url} is not an https URL (http only for a
     *     loopback host)
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        SlackClient slack = SlackClient.create(SlackClient.baseUrl(environment));
        return List.of(
                new PostMessageTool(slack),
                new UpdateMessageTool(slack),
                new ListChannelsTool(slack),
                new LookupUserByEmailTool(slack));
    }
}
