package dev.rig.pack.google;

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

/** The google pack: discovery, tool definitions and settings. */
class GooglePackTest {

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type)).contains(GooglePack.class);
        Pack pack = new GooglePack();
        assertThat(pack.id()).isEqualTo("google");
        assertThat(pack.version()).isEqualTo("0.1.0");
        assertThat(pack.description()).contains("Sheets", "Drive", "Gmail");
    }

    @Test
    void keepsTheOriginalToolsRiskClassesAndAuthSlot() {
        Map<String, ToolDef> tools = definitions(Map.of());

        assertThat(tools).containsOnlyKeys("google.sheets.values.get", "google.sheets.values.update",
                "google.drive.files.list", "google.gmail.messages.send");
        assertThat(tools.get("google.sheets.values.get").riskClass()).isEqualTo(RiskClass.READ);
        assertThat(tools.get("google.sheets.values.update").riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(tools.get("google.drive.files.list").riskClass()).isEqualTo(RiskClass.READ);
        assertThat(tools.get("google.gmail.messages.send").riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(tools.values()).allSatisfy(def -> {
            assertThat(def.authSlots()).containsExactly("GOOGLE_CREDENTIALS_JSON");
            assertThat(def.inputSchema()).contains("\"additionalProperties\": false");
        });
    }

    @Test
    void onlyTheOverwritingSheetsUpdateIsDeclaredIdempotent() {
        Map<String, ToolDef> tools = definitions(Map.of());

        assertThat(tools.get("google.sheets.values.update").idempotent()).isTrue();
        assertThat(tools.get("google.gmail.messages.send").idempotent()).as("a retried send could mail twice").isFalse();
    }

    @Test
    void theOriginalsInputsAreRequired() {
        Map<String, ToolDef> tools = definitions(Map.of());

        assertThat(tools.get("google.sheets.values.get").inputSchema()).contains("\"required\": [\"spreadsheet_id\", \"range\"]");
        assertThat(tools.get("google.sheets.values.update").inputSchema())
                .contains("\"required\": [\"spreadsheet_id\", \"range\", \"values\"]");
        assertThat(tools.get("google.gmail.messages.send").inputSchema()).contains("\"required\": [\"to\", \"subject\", \"body\"]");
        assertThat(tools.get("google.drive.files.list").inputSchema()).doesNotContain("\"required\"");
    }

    @Test
    void rootUrlsDefaultToGoogleAndBaseUrlMovesThemAllUnlessAHostHasItsOwn() {
        GoogleSettings defaults = GoogleSettings.from(env(Map.of()));
        assertThat(defaults).isEqualTo(new GoogleSettings("https://sheets.googleapis.com/", "https://www.googleapis.com/",
                "https://gmail.googleapis.com/", null));

        GoogleSettings moved = GoogleSettings.from(env(Map.of("base_url", "http://localhost:9000/google",
                "gmail_base_url", "https://gmail.eu.example/", "impersonate", " alice@example.com ")));
        assertThat(moved).isEqualTo(new GoogleSettings("http://localhost:9000/google/", "http://localhost:9000/google/",
                "https://gmail.eu.example/", "alice@example.com"));
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> new GooglePack().tools(env(Map.of("sheets_base_url", "ftp://x/"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sheets_base_url must be an absolute http(s) URL");
        assertThatThrownBy(() -> new GooglePack().tools(env(Map.of("base_url", "not a url"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("base_url is not a URL");
        assertThatThrownBy(() -> new GooglePack().tools(env(Map.of("impersonate", "alice"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("impersonate must be the email address");
        assertThatThrownBy(() -> new GooglePack().tools(env(Map.of("subject", "alice@example.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown setting(s) [subject]");
    }

    private static Map<String, ToolDef> definitions(Map<String, Object> settings) {
        return new GooglePack().tools(env(settings)).stream().map(Tool::definition)
                .collect(Collectors.toMap(ToolDef::name, Function.identity()));
    }

    private static PackEnvironment env(Map<String, Object> settings) {
        return new PackEnvironment(settings, Path.of("."));
    }
}
