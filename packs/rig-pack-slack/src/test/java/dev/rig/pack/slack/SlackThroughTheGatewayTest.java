package dev.rig.pack.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slack pack inside a real gateway: retries, output checks and deadlines of the pipeline. */
class SlackThroughTheGatewayTest {

    private static final SlackApiStub slack = new SlackApiStub();

    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        slack.reset();
    }

    @AfterAll
    static void stop() {
        slack.close();
    }

    private PackGateway.Builder gateway() {
        return PackGateway.forPack("slack").setting("base_url", slack.baseUrl())
                .secret(SlackClient.TOKEN_SLOT, InstalledSlackPack.TOKEN);
    }

    @Test
    void aRateLimitedReadIsRetriedAfterSlacksRetryAfter() {
        slack.server.stubFor(post(urlPathEqualTo("/api/conversations.list")).inScenario("limit")
                .whenScenarioStateIs(STARTED).willSetStateTo("open")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withBody("{\"ok\": false, \"error\": \"ratelimited\"}")));
        slack.server.stubFor(post(urlPathEqualTo("/api/conversations.list")).inScenario("limit")
                .whenScenarioStateIs("open")
                .willReturn(SlackApiStub.ok("""
                        {"ok": true, "channels": [{"id": "C012AB3CD", "name": "general", "is_private": false}],
                         "response_metadata": {"next_cursor": ""}}""")));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("slack.channels.list", Map.of());

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).containsEntry("channels",
                    List.of(Map.of("id", "C012AB3CD", "name", "general", "is_private", false)));
        }
        assertThat(slack.requests()).hasSize(2);
    }

    @Test
    void aRateLimitedPostIsNotRetried() {
        slack.answer("chat.postMessage", aResponse().withStatus(429).withHeader("Retry-After", "0")
                .withBody("{\"ok\": false, \"error\": \"ratelimited\"}"));

        try (PackGateway rig = gateway().retries(3).open(dir)) {
            ToolResult result = rig.call("slack.messages.post", Map.of("channel", "C0123456789", "text", "once"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.RATE_LIMITED);
            assertThat(result.error().upstreamCode()).isEqualTo("ratelimited");
        }
        assertThat(slack.requests()).hasSize(1);
    }

    @Test
    void nullsSlackLeavesOutPassTheOutputCheck() {
        slack.answer("conversations.list", """
                {"ok": true, "channels": [{"id": "D0C0F7S8Y", "is_im": true, "user": "U0BS9U4SV"}]}""");
        slack.answer("users.lookupByEmail", """
                {"ok": true, "user": {"id": "U0123ABCDEF", "name": "ada"}}""");

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult channels = rig.call("slack.channels.list", Map.of("types", "im"));
            ToolResult user = rig.call("slack.users.lookupByEmail", Map.of("email", "ada@example.com"));

            assertThat(channels.ok()).as("%s", channels.error()).isTrue();
            assertThat(channels.output()).containsEntry("next_cursor", null);
            assertThat(user.ok()).as("%s", user.error()).isTrue();
        }
    }

    @Test
    void theSchemaRefusesBadArgumentsBeforeSlackIsCalled() {
        try (PackGateway rig = gateway().open(dir)) {
            ToolResult unknownType = rig.call("slack.channels.list", Map.of("types", "public_channel,dm"));
            ToolResult badTs = rig.call("slack.messages.update",
                    Map.of("channel", "C0123456789", "ts", "yesterday", "text", "x"));
            ToolResult extra = rig.call("slack.messages.post",
                    Map.of("channel", "C0123456789", "text", "x", "as_user", true));

            assertThat(List.of(unknownType, badTs, extra)).allSatisfy(result -> {
                assertThat(result.ok()).isFalse();
                assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            });
        }
        assertThat(slack.requests()).isEmpty();
    }

    @Test
    void aSlackThatDoesNotAnswerEndsAtTheDeadline() {
        slack.answer("conversations.list", SlackApiStub.ok("{\"ok\": true, \"channels\": []}").withFixedDelay(5_000));

        Instant start = Instant.now();
        try (PackGateway rig = gateway().timeoutSeconds(1).retries(0).open(dir)) {
            ToolResult result = rig.call("slack.channels.list", Map.of());

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.TIMEOUT);
        }
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(4));
    }
}
