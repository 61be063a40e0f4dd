package dev.rig.pack.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolDef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The slack pack's discovery, settings and tool definitions. */
class SlackPackTest {

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(SlackPack.class);
    }

    @Test
    void keepsTheOriginalsToolsRiskClassesAndAuthSlot() {
        Map<String, ToolDef> tools = definitions(Map.of());

        assertThat(tools).containsOnlyKeys("slack.messages.post", "slack.messages.update", "slack.channels.list",
                "slack.users.lookupByEmail");
        assertThat(tools.get("slack.messages.post").riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(tools.get("slack.messages.update").riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(tools.get("slack.channels.list").riskClass()).isEqualTo(RiskClass.READ);
        assertThat(tools.get("slack.users.lookupByEmail").riskClass()).isEqualTo(RiskClass.READ);
        assertThat(tools.values()).allSatisfy(tool -> {
            assertThat(tool.authSlots()).containsExactly("SLACK_BOT_TOKEN");
            // Slack honours no idempotency key: a repeated post is a second message
            assertThat(tool.idempotent()).isFalse();
            assertThat(tool.inputSchema()).contains("\"additionalProperties\": false");
            assertThat(tool.examples()).isNotEmpty();
        });
        assertThat(tools.get("slack.messages.post").inputSchema()).contains("\"required\": [\"channel\", \"text\"]");
        assertThat(tools.get("slack.messages.update").inputSchema())
                .contains("\"required\": [\"channel\", \"ts\", \"text\"]");
        assertThat(tools.get("slack.users.lookupByEmail").inputSchema()).contains("\"required\": [\"email\"]");
    }

    @Test
    void takesAnHttpsBaseUrlAndAddsTheTrailingSlash() {
        assertThat(SlackClient.baseUrl(env(Map.of()))).isEqualTo("https://slack.com/api/");
        assertThat(SlackClient.baseUrl(env(Map.of("base_url", "https://slack-proxy.example.com/api"))))
                .isEqualTo("https://slack-proxy.example.com/api/");
        assertThat(SlackClient.baseUrl(env(Map.of("base_url", "http://localhost:8080/api/"))))
                .isEqualTo("http://localhost:8080/api/");
    }

    @Test
    void refusesABaseUrlThatWouldSendTheTokenInTheClear() {
        assertThatThrownBy(() -> new SlackPack().tools(env(Map.of("base_url", "http://slack.example.com/api/"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base_url").hasMessageContaining("https");
        assertThatThrownBy(() -> new SlackPack().tools(env(Map.of("base_url", "slack.com/api"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base_url");
        assertThatThrownBy(() -> new SlackPack().tools(env(Map.of("base_url", "https://exa mple.com/"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base_url");
    }

    @Test
    void startsNoSdkMetricsThreadOfItsOwn() {
        // the SDK's static defaults (SlackConfig.DEFAULT, each config's DEFAULT_SINGLETON) start their
        // metrics jobs once per class loader; the pack's own configuration must add none
        new SlackPack().tools(env(Map.of()));
        long statics = metricsThreads();

        for (int i = 0; i < 10; i++) {
            new SlackPack().tools(env(Map.of()));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> metricsThreads() <= statics);
    }

    private static long metricsThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("slack-api-metrics") && thread.isAlive())
                .count();
    }

    private static Map<String, ToolDef> definitions(Map<String, Object> settings) {
        List<Tool> tools = new SlackPack().tools(env(settings));
        return tools.stream().map(Tool::definition).collect(Collectors.toMap(ToolDef::name, Function.identity()));
    }

    private static PackEnvironment env(Map<String, Object> settings) {
        return new PackEnvironment(settings, Path.of("."));
    }
}
