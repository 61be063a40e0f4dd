package dev.rig.pack.airtable;

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

/** The airtable pack: discovery, tool definitions and settings. */
class AirtablePackTest {

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(AirtablePack.class);
    }

    @Test
    void describesItself() {
        Pack pack = new AirtablePack();
        assertThat(pack.id()).isEqualTo("airtable");
        assertThat(pack.version()).isEqualTo("0.1.0");
        assertThat(pack.description()).contains("AIRTABLE_API_KEY");
    }

    @Test
    void keepsTheOriginalToolsAddsADestructiveDeleteAndRetriesNoWrite() {
        assertThat(definitions(Map.of()))
                .extracting(ToolDef::name, ToolDef::riskClass, ToolDef::idempotent, ToolDef::authSlots)
                .containsExactly(
                        tuple("airtable.records.create", RiskClass.WRITE, false, List.of("AIRTABLE_API_KEY")),
                        tuple("airtable.records.list", RiskClass.READ, false, List.of("AIRTABLE_API_KEY")),
                        tuple("airtable.records.update", RiskClass.WRITE, false, List.of("AIRTABLE_API_KEY")),
                        tuple("airtable.records.delete", RiskClass.DESTRUCTIVE, false, List.of("AIRTABLE_API_KEY")));
    }

    @Test
    void everyToolHasAClosedInputAClosedOutputAndAnExample() {
        assertThat(definitions(Map.of())).allSatisfy(definition -> {
            assertThat(definition.inputSchema()).contains("\"additionalProperties\": false",
                    "\"required\": [\"base_id\", \"table_name\"");
            assertThat(definition.outputSchema()).contains("\"additionalProperties\": false");
            assertThat(definition.examples()).isNotEmpty();
            assertThat(definition.description()).isNotBlank();
        });
    }

    @Test
    void refusesABaseUrlThatIsNotAnHttpUrlNamingTheKey() {
        for (String url : List.of("api.airtable.com", "file:///tmp", "https://api.airtable.com/#x", "https:// x")) {
            assertThatThrownBy(() -> definitions(Map.of("base_url", url)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("base_url");
        }
    }

    @Test
    void defaultsToTheAirtableApi() {
        assertThat(AirtableSettings.from(new PackEnvironment(Map.of(), Path.of("."))).baseUrl())
                .isEqualTo("https://api.airtable.com");
    }

    @Test
    void encodesTableNamesAndOffsetsForTheUrl() {
        assertThat(AirtableApi.encode("Open Tasks/2024 & more")).isEqualTo("Open%20Tasks%2F2024%20%26%20more");
    }

    private static List<ToolDef> definitions(Map<String, Object> settings) {
        return new AirtablePack().tools(new PackEnvironment(settings, Path.of("."))).stream()
                .map(Tool::definition).toList();
    }
}
