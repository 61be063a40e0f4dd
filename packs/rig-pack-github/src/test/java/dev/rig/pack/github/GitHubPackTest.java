package dev.rig.pack.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolDef;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The github pack's discovery, settings and tool definitions. */
class GitHubPackTest {

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(GitHubPack.class);
    }

    @Test
    void keepsTheOriginalsToolsRiskClassesAndAuthSlot() {
        Map<String, ToolDef> tools = new GitHubPack().tools(env(Map.of())).stream().map(Tool::definition)
                .collect(Collectors.toMap(ToolDef::name, Function.identity()));

        assertThat(tools).containsOnlyKeys("github.issues.create", "github.issues.comment", "github.pulls.create",
                "github.pulls.list");
        assertThat(tools.get("github.issues.create").riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(tools.get("github.issues.comment").riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(tools.get("github.pulls.create").riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(tools.get("github.pulls.list").riskClass()).isEqualTo(RiskClass.READ);
        assertThat(tools.values()).allSatisfy(tool -> {
            assertThat(tool.authSlots()).containsExactly("GITHUB_TOKEN");
            // GitHub takes no idempotency key: a repeated create is a second issue
            assertThat(tool.idempotent()).isFalse();
            assertThat(tool.inputSchema()).contains("\"additionalProperties\": false", GitHubApi.REPO_PATTERN);
            assertThat(tool.examples()).isNotEmpty();
        });
        assertThat(tools.get("github.issues.create").inputSchema()).contains("\"required\": [\"repo\", \"title\"]");
        assertThat(tools.get("github.issues.comment").inputSchema())
                .contains("\"required\": [\"repo\", \"issue_number\", \"body\"]");
        assertThat(tools.get("github.pulls.create").inputSchema())
                .contains("\"required\": [\"repo\", \"title\", \"head\"]");
    }

    @Test
    void takesGitHubOrAnEnterpriseServerOverHttps() {
        assertThat(GitHubApi.baseUrl(env(Map.of()))).isEqualTo("https://api.github.com");
        assertThat(GitHubApi.baseUrl(env(Map.of("base_url", "https://github.example.com/api/v3/"))))
                .isEqualTo("https://github.example.com/api/v3");
        assertThat(GitHubApi.baseUrl(env(Map.of("base_url", "http://127.0.0.1:8080"))))
                .isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void refusesABaseUrlThatWouldSendTheTokenInTheClear() {
        assertThatThrownBy(() -> new GitHubPack().tools(env(Map.of("base_url", "http://github.example.com/api/v3"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base_url").hasMessageContaining("https");
        assertThatThrownBy(() -> new GitHubPack().tools(env(Map.of("base_url", "api.github.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base_url");
    }

    private static PackEnvironment env(Map<String, Object> settings) {
        return new PackEnvironment(settings, Path.of("."));
    }
}
