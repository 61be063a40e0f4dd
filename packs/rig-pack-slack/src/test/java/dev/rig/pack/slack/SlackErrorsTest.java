package dev.rig.pack.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slack's failures, as the stub answers them the way Slack does, become the right RTP errors. */
class SlackErrorsTest {

    private static final SlackApiStub slack = new SlackApiStub();
    private static final Map<String, Object> POST = Map.of("channel", "C0123456789", "text", "hello");
    private static final Map<String, Object> LIST = Map.of();

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
    void invalidBlocksIsAValidationErrorNamingTheField() {
        slack.answer("chat.postMessage", """
                {"ok": false, "error": "invalid_blocks",
                 "errors": ["failed to match all allowed schemas [json-pointer:/blocks/0/text]"],
                 "response_metadata": {"messages": ["[ERROR] failed to match all allowed schemas [json-pointer:/blocks/0/text]"]}}""");

        ToolException failure = pack.failure("slack.messages.post", Map.of("channel", "C0123456789", "text", "x",
                "blocks", java.util.List.of(Map.of("type", "section", "text", "not an object"))));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("invalid_blocks");
        assertThat(failure.getMessage()).contains("chat.postMessage", "blocks:", "[json-pointer:/blocks/0/text]");
    }

    @Test
    void noTextAndTooLongTextAreValidationErrorsOnText() {
        slack.refuse("chat.postMessage", "no_text");
        assertThat(pack.failure("slack.messages.post", POST))
                .satisfies(failure -> assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR))
                .hasMessageContaining("text:");
        slack.refuse("chat.update", "msg_too_long");
        ToolException tooLong = pack.failure("slack.messages.update",
                Map.of("channel", "C0123456789", "ts", "1.2", "text", "long"));
        assertThat(tooLong.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(tooLong.upstreamCode()).isEqualTo("msg_too_long");
    }

    @Test
    void invalidAuthIsAnAuthErrorThatIsNeverRetried() {
        slack.refuse("conversations.list", "invalid_auth");

        ToolException failure = pack.failure("slack.channels.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("invalid_auth");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("SLACK_BOT_TOKEN"));
    }

    @Test
    void notAuthedAndRevokedTokensAreAuthErrors() {
        for (String code : new String[] {"not_authed", "token_revoked", "account_inactive", "token_expired"}) {
            slack.refuse("users.lookupByEmail", code);
            ToolException failure = pack.failure("slack.users.lookupByEmail", Map.of("email", "a@example.com"));
            assertThat(failure.type()).as(code).isEqualTo(ErrorType.AUTH_ERROR);
            assertThat(failure.upstreamCode()).isEqualTo(code);
        }
    }

    @Test
    void anHttp401IsAnAuthErrorToo() {
        slack.answer("conversations.list", aResponse().withStatus(401).withBody("{\"ok\":false,\"error\":\"x\"}"));

        ToolException failure = pack.failure("slack.channels.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void missingScopeIsAPermissionErrorNamingTheScope() {
        slack.answer("users.lookupByEmail", """
                {"ok": false, "error": "missing_scope", "needed": "users:read.email",
                 "provided": "chat:write,channels:read"}""");

        ToolException failure = pack.failure("slack.users.lookupByEmail", Map.of("email", "a@example.com"));

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("missing_scope");
        assertThat(failure.getMessage()).contains("users:read.email");
        assertThat(failure.hints()).singleElement().asString().contains("users:read.email", "SLACK_BOT_TOKEN");
    }

    @Test
    void notInChannelAndRestrictedActionArePermissionErrors() {
        slack.refuse("chat.postMessage", "not_in_channel");
        assertThat(pack.failure("slack.messages.post", POST).type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        slack.refuse("chat.postMessage", "restricted_action");
        assertThat(pack.failure("slack.messages.post", POST).type()).isEqualTo(ErrorType.PERMISSION_ERROR);
    }

    @Test
    void anHttp403IsAPermissionError() {
        slack.answer("chat.postMessage", aResponse().withStatus(403).withBody("forbidden"));

        ToolException failure = pack.failure("slack.messages.post", POST);

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure.upstreamCode()).isEqualTo("http_403");
    }

    @Test
    void unknownChannelMessageAndUserAreNotFound() {
        slack.refuse("chat.postMessage", "channel_not_found");
        ToolException channel = pack.failure("slack.messages.post", POST);
        assertThat(channel.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(channel.getMessage()).contains("channel:");
        assertThat(channel.hints()).anyMatch(hint -> hint.contains("slack.channels.list"));

        slack.refuse("chat.update", "message_not_found");
        ToolException message = pack.failure("slack.messages.update",
                Map.of("channel", "C0123456789", "ts", "1.2", "text", "x"));
        assertThat(message.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(message.upstreamCode()).isEqualTo("message_not_found");

        slack.refuse("users.lookupByEmail", "users_not_found");
        ToolException user = pack.failure("slack.users.lookupByEmail", Map.of("email", "nobody@example.com"));
        assertThat(user.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(user.getMessage()).contains("email:");
    }

    @Test
    void anArchivedChannelIsAConflict() {
        slack.refuse("chat.postMessage", "is_archived");

        ToolException failure = pack.failure("slack.messages.post", POST);

        assertThat(failure.type()).isEqualTo(ErrorType.CONFLICT);
        assertThat(failure.upstreamCode()).isEqualTo("is_archived");
    }

    @Test
    void http429IsRateLimitedWithSlacksRetryAfter() {
        slack.answer("conversations.list", aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json").withBody("{\"ok\": false, \"error\": \"ratelimited\"}"));

        ToolException failure = pack.failure("slack.channels.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(failure.upstreamCode()).isEqualTo("ratelimited");
    }

    @Test
    void ratelimitedInAnOkFalseAnswerKeepsItsRetryAfter() {
        slack.answer("users.lookupByEmail", SlackApiStub.ok("{\"ok\": false, \"error\": \"ratelimited\"}")
                .withHeader("Retry-After", "7"));

        ToolException failure = pack.failure("slack.users.lookupByEmail", Map.of("email", "a@example.com"));

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void postingTooFastIsRateLimited() {
        slack.refuse("chat.postMessage", "rate_limited");

        ToolException failure = pack.failure("slack.messages.post", POST);

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void serverErrorsAndSlacksInternalErrorsAreTransient() {
        slack.answer("conversations.list", aResponse().withStatus(503).withBody("<html>unavailable</html>"));
        ToolException unavailable = pack.failure("slack.channels.list", LIST);
        assertThat(unavailable.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.upstreamCode()).isEqualTo("http_503");

        slack.refuse("conversations.list", "internal_error");
        ToolException internal = pack.failure("slack.channels.list", LIST);
        assertThat(internal.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(internal.upstreamCode()).isEqualTo("internal_error");

        slack.refuse("conversations.list", "service_unavailable");
        assertThat(pack.failure("slack.channels.list", LIST).type()).isEqualTo(ErrorType.TRANSIENT);
    }

    @Test
    void anUnknownErrorCodeIsAnUpstreamErrorKeepingTheCode() {
        slack.refuse("chat.postMessage", "something_new");

        ToolException failure = pack.failure("slack.messages.post", POST);

        assertThat(failure.type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
        assertThat(failure.upstreamCode()).isEqualTo("something_new");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("chat.postMessage"));
    }

    @Test
    void aConnectionRefusedIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        InstalledSlackPack unreachable = new InstalledSlackPack("http://localhost:" + closedPort + "/api/");

        ToolException failure = unreachable.failure("slack.channels.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("localhost:" + closedPort);
    }

    @Test
    void aDroppedConnectionIsTransientAndThePostIsSentOnce() throws Exception {
        // the first post opens a kept-alive connection; the second, on that connection, is dropped
        slack.server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("drop")
                .whenScenarioStateIs(STARTED).willSetStateTo("dropping")
                .willReturn(SlackApiStub.ok("{\"ok\": true, \"channel\": \"C0123456789\", \"ts\": \"1.1\"}")));
        slack.server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("drop")
                .whenScenarioStateIs("dropping")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        pack.call("slack.messages.post", POST);

        ToolException failure = pack.failure("slack.messages.post", POST);

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(slack.requests()).as("OkHttp must not send the post again by itself").hasSize(2);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUpstreamError() {
        slack.answer("conversations.list", SlackApiStub.ok("<html>captive portal</html>"));

        assertThat(pack.failure("slack.channels.list", LIST).type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
    }

    @Test
    void aTokenWithALineBreakFailsBeforeAnythingIsSent() {
        InstalledSlackPack broken = new InstalledSlackPack(slack.baseUrl(), "xoxb-1\nX-Injected: 1");

        ToolException failure = broken.failure("slack.channels.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("SLACK_BOT_TOKEN"));
        assertThat(slack.requests()).isEmpty();
    }
}
