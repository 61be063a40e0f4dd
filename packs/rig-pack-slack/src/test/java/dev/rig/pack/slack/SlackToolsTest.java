package dev.rig.pack.slack;

import static dev.rig.pack.slack.InstalledSlackPack.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each tool against a stub of Slack's Web API: the exact request the SDK sends, and the output. */
class SlackToolsTest {

    private static final SlackApiStub slack = new SlackApiStub();
    private final InstalledSlackPack pack = new InstalledSlackPack(slack.baseUrl());

    @AfterEach
    void reset() {
        slack.reset();
    }

    @AfterAll
    static void stop() {
        slack.close();
    }

    @Test
    void postsAMessageAsAFormWithTheBotTokenInTheHeader() throws Exception {
        slack.answer("chat.postMessage", """
                {"ok": true, "channel": "C0123456789", "ts": "1503435956.000247",
                 "message": {"text": "Deploy 42 finished", "type": "message", "subtype": "bot_message",
                             "ts": "1503435956.000247", "bot_id": "B123ABC456"}}""");

        Map<String, Object> output = pack.call("slack.messages.post",
                Map.of("channel", "#deploys", "text", "Deploy 42 finished & done"));

        assertThat(output).containsExactly(Map.entry("ok", true), Map.entry("ts", "1503435956.000247"),
                Map.entry("channel", "C0123456789"));
        LoggedRequest request = slack.onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/api/chat.postMessage");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getBodyAsString()).doesNotContain(TOKEN);
        // the SDK sends its boolean defaults; unfurl_media=1 keeps Slack's own default
        assertThat(SlackApiStub.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "channel", "#deploys", "text", "Deploy 42 finished & done", "link_names", "0", "mrkdwn", "1",
                "unfurl_links", "0", "unfurl_media", "1", "reply_broadcast", "0"));
    }

    @Test
    void postsBlocksAsJsonAndRepliesInAThread() throws Exception {
        slack.answer("chat.postMessage", """
                {"ok": true, "channel": "C0123456789", "ts": "1716400001.000200"}""");
        List<Map<String, Object>> blocks = List.of(Map.of("type", "section",
                "text", Map.of("type", "mrkdwn", "text", "*Build failed* on main")));

        Map<String, Object> output = pack.call("slack.messages.post", Map.of("channel", "C0123456789",
                "text", "Build failed", "thread_ts", "1716400000.000100", "blocks", blocks));

        assertThat(output).containsEntry("ts", "1716400001.000200");
        Map<String, String> form = SlackApiStub.form(slack.onlyRequest());
        assertThat(form).containsEntry("thread_ts", "1716400000.000100").containsEntry("text", "Build failed");
        assertThat(new ObjectMapper().readTree(form.get("blocks")))
                .isEqualTo(new ObjectMapper().valueToTree(blocks));
    }

    @Test
    void keepsTheCallersChannelWhenSlackLeavesItOut() throws Exception {
        slack.answer("chat.postMessage", """
                {"ok": true, "message": {"ts": "1716400002.000300"}}""");

        assertThat(pack.call("slack.messages.post", Map.of("channel", "C0123456789", "text", "hi")))
                .containsEntry("ts", "1716400002.000300").containsEntry("channel", "C0123456789");
    }

    @Test
    void updatesAMessage() throws Exception {
        slack.answer("chat.update", """
                {"ok": true, "channel": "C0123456789", "ts": "1401383885.000061",
                 "text": "Updated text you carefully authored",
                 "message": {"text": "Updated text you carefully authored", "user": "U34567890"}}""");

        Map<String, Object> output = pack.call("slack.messages.update", Map.of("channel", "C0123456789",
                "ts", "1401383885.000061", "text", "Updated text you carefully authored"));

        assertThat(output).containsExactly(Map.entry("ok", true), Map.entry("ts", "1401383885.000061"),
                Map.entry("channel", "C0123456789"));
        LoggedRequest request = slack.onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/api/chat.update");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(SlackApiStub.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "channel", "C0123456789", "ts", "1401383885.000061", "text", "Updated text you carefully authored",
                "link_names", "0"));
    }

    @Test
    void listsChannelsWithTypesLimitAndCursor() throws Exception {
        slack.answer("conversations.list", """
                {"ok": true,
                 "channels": [
                   {"id": "C012AB3CD", "name": "general", "is_channel": true, "is_group": false, "is_im": false,
                    "is_private": false, "is_archived": false, "is_general": true, "name_normalized": "general"},
                   {"id": "G061EG9T2", "name": "secret-plans", "is_channel": false, "is_group": true,
                    "is_im": false, "is_private": true}],
                 "response_metadata": {"next_cursor": "dGVhbTpDMDYxRkE1UEI="}}""");

        Map<String, Object> output = pack.call("slack.channels.list", Map.of(
                "types", "public_channel,private_channel", "limit", 2, "cursor", "dGVhbTpDMDYxRkE1UEA="));

        assertThat(output).isEqualTo(Map.of("ok", true, "next_cursor", "dGVhbTpDMDYxRkE1UEI=", "channels", List.of(
                Map.of("id", "C012AB3CD", "name", "general", "is_private", false),
                Map.of("id", "G061EG9T2", "name", "secret-plans", "is_private", true))));
        LoggedRequest request = slack.onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/api/conversations.list");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(SlackApiStub.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "types", "public_channel,private_channel", "limit", "2", "cursor", "dGVhbTpDMDYxRkE1UEA=",
                "exclude_archived", "0"));
    }

    @Test
    void listsAHundredChannelsByDefaultAndEndsWithANullCursor() throws Exception {
        slack.answer("conversations.list", """
                {"ok": true,
                 "channels": [{"id": "D0C0F7S8Y", "created": 1498500348, "is_im": true, "is_org_shared": false,
                               "user": "U0BS9U4SV", "is_user_deleted": false, "priority": 0}],
                 "response_metadata": {"next_cursor": ""}}""");

        Map<String, Object> output = pack.call("slack.channels.list", Map.of());

        Map<String, Object> im = new java.util.HashMap<>();
        im.put("id", "D0C0F7S8Y");
        im.put("name", null);
        im.put("is_private", true);
        assertThat(output).containsEntry("channels", List.of(im)).containsEntry("next_cursor", null);
        assertThat(SlackApiStub.form(slack.onlyRequest())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "limit", "100", "exclude_archived", "0"));
    }

    @Test
    void looksUpAUserByEmail() throws Exception {
        slack.answer("users.lookupByEmail", """
                {"ok": true,
                 "user": {"id": "W012A3CDE", "team_id": "T012AB3C4", "name": "spengler", "deleted": false,
                          "real_name": "Egon Spengler", "tz": "America/Los_Angeles",
                          "profile": {"real_name": "Egon Spengler", "display_name": "spengler",
                                      "email": "spengler@ghostbusters.example.com"},
                          "is_admin": true, "is_bot": false}}""");

        Map<String, Object> output = pack.call("slack.users.lookupByEmail",
                Map.of("email", "spengler@ghostbusters.example.com"));

        assertThat(output).isEqualTo(Map.of("ok", true, "user", Map.of("id", "W012A3CDE", "name", "spengler",
                "real_name", "Egon Spengler", "email", "spengler@ghostbusters.example.com")));
        LoggedRequest request = slack.onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/api/users.lookupByEmail");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(SlackApiStub.form(request)).containsExactly(Map.entry("email", "spengler@ghostbusters.example.com"));
    }

    @Test
    void leavesOutWhatSlackDoesNotSayAboutAUser() throws Exception {
        slack.answer("users.lookupByEmail", """
                {"ok": true, "user": {"id": "U0123ABCDEF", "name": "ada", "profile": {}}}""");

        Map<String, Object> user = new java.util.HashMap<>();
        user.put("id", "U0123ABCDEF");
        user.put("name", "ada");
        user.put("real_name", null);
        user.put("email", null);
        assertThat(pack.call("slack.users.lookupByEmail", Map.of("email", "ada@example.com")))
                .containsEntry("user", user);
    }
}
