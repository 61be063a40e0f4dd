package dev.rig.pack.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolDef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The notion pack: discovery, tool definitions and settings. */
class NotionPackTest {

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(NotionPack.class);
    }

    @Test
    void describesItself() {
        Pack pack = new NotionPack();
        assertThat(pack.id()).isEqualTo("notion");
        assertThat(pack.version()).isEqualTo("0.1.0");
        assertThat(pack.description()).contains("NOTION_TOKEN");
    }

    @Test
    void keepsTheOriginalToolsWithTheirRiskAndNoRetriedWrites() {
        assertThat(definitions(Map.of()))
                .extracting(ToolDef::name, ToolDef::riskClass, ToolDef::idempotent, ToolDef::authSlots)
                .containsExactly(
                        tuple("notion.pages.create", RiskClass.WRITE, false, List.of("NOTION_TOKEN")),
                        tuple("notion.pages.update", RiskClass.WRITE, false, List.of("NOTION_TOKEN")),
                        tuple("notion.databases.query", RiskClass.READ, false, List.of("NOTION_TOKEN")),
                        tuple("notion.search", RiskClass.READ, false, List.of("NOTION_TOKEN")));
    }

    @Test
    void everyToolHasAClosedInputAClosedOutputAndAnExample() {
        assertThat(definitions(Map.of())).allSatisfy(definition -> {
            assertThat(definition.inputSchema()).contains("\"additionalProperties\": false");
            assertThat(definition.outputSchema()).contains("\"additionalProperties\": false");
            assertThat(definition.examples()).isNotEmpty();
            assertThat(definition.description()).isNotBlank();
        });
    }

    @Test
    void refusesABaseUrlThatIsNotAnHttpUrlNamingTheKey() {
        for (String url : List.of("api.notion.com", "ftp://api.notion.com", "https://api.notion.com/?x=1", "http://")) {
            assertThatThrownBy(() -> definitions(Map.of("base_url", url)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("base_url");
        }
    }

    @Test
    void refusesANotionVersionThatIsNotADateNamingTheKey() {
        assertThatThrownBy(() -> definitions(Map.of("notion_version", "latest")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("notion_version");
    }

    @Test
    void defaultsToTheNotionApiAndTheVersionItsToolsSpeak() {
        NotionSettings settings = NotionSettings.from(new PackEnvironment(Map.of(), Path.of(".")));

        assertThat(settings).isEqualTo(new NotionSettings("https://api.notion.com", "2022-06-28"));
    }

    private static List<ToolDef> definitions(Map<String, Object> settings) {
        return new NotionPack().tools(new PackEnvironment(settings, Path.of("."))).stream()
                .map(Tool::definition).toList();
    }
}
